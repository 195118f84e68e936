import { createHash, randomBytes } from 'node:crypto';
import { customAlphabet } from 'nanoid';

const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const make = customAlphabet(alphabet, 20);

/** Random, URL-safe entity id. */
export const newId = (): string => make();

/** A secret token (sessions, visitors, invites): 256 bits, URL-safe. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** Tokens are stored only as their SHA-256. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');
