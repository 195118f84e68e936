/**
 * A secret the server makes for itself the first time it needs one (e.g. the
 * key that signs links to files in transcripts): 32 random bytes, stored once
 * for every node (the first insert wins), read once per process.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/database.js';
import './secret.table.js';

const loaded = new WeakMap<Db, Map<string, Promise<Buffer>>>();

async function load(db: Db, name: string, now: number): Promise<Buffer> {
  await db
    .insertInto('server_secrets')
    .values({ name, value: randomBytes(32).toString('base64url'), created_at: now })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db.selectFrom('server_secrets').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return Buffer.from(row.value, 'base64url');
}

export function serverSecret(db: Db, name: string, now: number): Promise<Buffer> {
  const byName = loaded.get(db) ?? new Map<string, Promise<Buffer>>();
  loaded.set(db, byName);
  let secret = byName.get(name);
  if (!secret) {
    secret = load(db, name, now);
    byName.set(name, secret);
    // A failure (database away) is not remembered: the next call tries again.
    secret.catch(() => byName.delete(name));
  }
  return secret;
}
