import { createHash, randomBytes } from 'node:crypto';
import { customAlphabet } from 'nanoid';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const random = customAlphabet(alphabet, 13);

function base62(n: number, width: number): string {
  let s = '';
  for (let i = 0; i < width; i++) {
    s = (alphabet[n % 62] as string) + s;
    n = Math.floor(n / 62);
  }
  return s;
}

/**
 * Entity id: 7 characters of millisecond time, then 13 random ones (77 bits).
 * Ids sort by creation time, so new rows land at the end of primary-key
 * indexes instead of all over them, which keeps inserts cheap as tables grow.
 */
export const newId = (): string => base62(Date.now(), 7) + random();

/** A secret token (sessions, visitors, invites): 256 bits, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored only as their SHA-256. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
