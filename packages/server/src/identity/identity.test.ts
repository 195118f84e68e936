import { createHmac, timingSafeEqual } from 'node:crypto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { hashMatches, identifyInput, newIdentitySecret } from './identity.js';

// The real comparison, watched: the hash must be checked in constant time, never with ===.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

const compare = vi.mocked(timingSafeEqual);
const secret = 'ids_0123456789abcdef';
const hashOf = (id: string, key = secret) => createHmac('sha256', key).update(id, 'utf8').digest('hex');

describe('the identity hash', () => {
  beforeEach(() => {
    compare.mockClear();
  });

  it('is the hex HMAC-SHA256 of the id under the secret, compared in constant time', () => {
    expect(hashMatches(secret, 'user-42', hashOf('user-42'))).toBe(true);
    expect(hashMatches(secret, 'user-42', hashOf('user-42').toUpperCase())).toBe(true);
    expect(hashMatches(secret, 'Zoë 🙂', hashOf('Zoë 🙂'))).toBe(true);
    expect(compare).toHaveBeenCalledTimes(3);
  });

  it('refuses another id, another secret or a hash of the wrong shape, comparing all the same', () => {
    const wrong = [hashOf('user-43'), hashOf('user-42', 'ids_other'), 'not hex', hashOf('user-42').slice(0, 63), `${hashOf('user-42')}00`, ''];
    for (const hash of wrong) expect(hashMatches(secret, 'user-42', hash)).toBe(false);
    expect(compare).toHaveBeenCalledTimes(wrong.length);
    // Always two 32-byte buffers: how long the comparison takes says nothing about the hash given.
    for (const [a, b] of compare.mock.calls) expect([(a as Buffer).length, (b as Buffer).length]).toEqual([32, 32]);
  });

  it('comes from new secrets that differ every time', () => {
    const a = newIdentitySecret();
    expect(a).toMatch(/^ids_[0-9a-f]{64}$/);
    expect(newIdentitySecret()).not.toBe(a);
  });
});

describe('what the site may say', () => {
  it('takes a flat object of text, numbers and booleans, up to 50 attributes', () => {
    expect(identifyInput.safeParse({ id: 'u1', attributes: { plan: 'pro', seats: 3, trial: false } }).success).toBe(true);
    const fifty = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, i]));
    expect(identifyInput.safeParse({ id: 'u1', attributes: fifty }).success).toBe(true);
    expect(identifyInput.safeParse({ id: 'u1', attributes: { ...fifty, one: 'more' } }).success).toBe(false);
    for (const value of [{ a: 1 }, [1], null, Number.NaN]) expect(identifyInput.safeParse({ id: 'u1', attributes: { x: value } }).success).toBe(false);
    expect(identifyInput.safeParse({ id: 'x'.repeat(200) }).success).toBe(true);
    expect(identifyInput.safeParse({ id: 'x'.repeat(201) }).success).toBe(false);
    expect(identifyInput.safeParse({ id: '   ' }).success).toBe(false);
  });
});
