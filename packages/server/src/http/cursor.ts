import { badRequest } from '../errors.js';

/** Keyset pagination: the cursor is the (time, id) of the last item returned. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(c: { t: number; id: string }): string {
  return Buffer.from(`${c.t}:${c.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { t: number; id: string } {
  const raw = Buffer.from(cursor, 'base64url').toString();
  const m = /^(\d{1,16}):([A-Za-z0-9_-]{1,64})$/.exec(raw);
  if (!m) throw badRequest('Invalid cursor');
  return { t: Number(m[1]), id: m[2] as string };
}
