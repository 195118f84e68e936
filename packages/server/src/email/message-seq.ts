import type { Db } from '../db/database.js';

/** A message's sequence number in its conversation (the console finds it by it). */
export async function findMessageSeq(db: Db, messageId: string): Promise<number | undefined> {
  const r = await db.selectFrom('messages').select('seq').where('id', '=', messageId).executeTakeFirst();
  return r ? Number(r.seq) : undefined;
}
