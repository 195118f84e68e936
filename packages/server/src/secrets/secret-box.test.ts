import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox, serverSecretKey } from './secret-box.js';

const key = (n: number) => Buffer.alloc(32, n);

describe('SecretBox', () => {
  it('seals so that the value is not in the sealed text, and opens it again', () => {
    const box = new SecretBox(key(1));
    const sealed = box.seal('sk-live-secret-1234', 'ws_1');
    expect(sealed).not.toContain('sk-live');
    expect(sealed).not.toContain(Buffer.from('sk-live-secret-1234').toString('base64url'));
    expect(box.open(sealed, 'ws_1')).toEqual({ ok: true, value: 'sk-live-secret-1234' });
    // A fresh IV each time.
    expect(box.seal('sk-live-secret-1234', 'ws_1')).not.toBe(sealed);
  });

  it('does not open under another key, for another workspace, or changed', () => {
    const sealed = new SecretBox(key(1)).seal('k', 'ws_1');
    expect(new SecretBox(key(2)).open(sealed, 'ws_1')).toEqual({ ok: false, reason: 'other_key' });
    expect(new SecretBox(key(1)).open(sealed, 'ws_2')).toEqual({ ok: false, reason: 'corrupt' });
    const parts = sealed.split('.');
    // One bit of the ciphertext flipped (replacing it with a fixed byte would match the real one once in 256 seals).
    const data = Buffer.from(parts[4]!, 'base64url');
    data[0]! ^= 1;
    parts[4] = data.toString('base64url');
    expect(new SecretBox(key(1)).open(parts.join('.'), 'ws_1')).toEqual({ ok: false, reason: 'corrupt' });
    expect(new SecretBox(key(1)).open('plain text', 'ws_1')).toEqual({ ok: false, reason: 'corrupt' });
  });
});

describe('serverSecretKey', () => {
  it('uses the configured key, else makes one file once (mode 0600) and reads it back', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-key-'));
    try {
      expect(serverSecretKey({ secretKey: key(7), dataDir: dir })).toEqual(key(7));
      const made = serverSecretKey({ secretKey: null, dataDir: dir });
      expect(made.length).toBe(32);
      const file = join(dir, 'secret.key');
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(serverSecretKey({ secretKey: null, dataDir: dir })).toEqual(made);
      expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toEqual(made);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
