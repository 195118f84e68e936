import { describe, expect, it } from 'vitest';
import type { Context } from '../context.js';
import { sourceLine } from './compose-reply.js';

const ctx = (publicUrl: string | null) => ({ config: { publicUrl } }) as unknown as Pick<Context, 'config'>;
const article = { title: 'Reset [your] password', url: '/help/w1/en/reset-password' };

describe('the source line of an answer', () => {
  it('links the help centre when the public address is http(s)', () => {
    expect(sourceLine(ctx('https://chat.example.com/'), article)).toBe('Source: [Reset  your  password](https://chat.example.com/help/w1/en/reset-password)');
  });

  it('names the article without a link otherwise', () => {
    expect(sourceLine(ctx(null), article)).toBe('Source: Reset  your  password');
    expect(sourceLine(ctx('javascript:alert(1)//'), article)).toBe('Source: Reset  your  password');
  });
});
