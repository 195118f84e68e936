import type { Db } from '../db/database.js';

/** Most samples a reply-time median reads (the newest conversations first). */
const MAX_SAMPLES = 2000;

/**
 * How long the first answer took (first_response_at - created_at) in the
 * inbox's conversations started since `since`, newest first. Served by the
 * index on (inbox_id, created_at).
 */
export async function firstResponseTimes(db: Db, inboxId: string, since: number): Promise<number[]> {
  const rows = await db
    .selectFrom('conversations')
    .select(['created_at', 'first_response_at'])
    .where('inbox_id', '=', inboxId)
    .where('created_at', '>=', since)
    .where('first_response_at', 'is not', null)
    .orderBy('created_at', 'desc')
    .limit(MAX_SAMPLES)
    .execute();
  return rows.map((r) => Number(r.first_response_at) - Number(r.created_at)).filter((ms) => ms >= 0);
}

/** The operators who last wrote in the inbox's conversations started since `since`, most recent first. */
export async function recentResponders(db: Db, inboxId: string, since: number, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('conversations')
    .select(['last_author_id', (eb) => eb.fn.max('last_message_at').as('at')])
    .where('inbox_id', '=', inboxId)
    .where('created_at', '>=', since)
    .where('last_author_kind', '=', 'operator')
    .where('last_author_id', 'is not', null)
    .groupBy('last_author_id')
    .orderBy('at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.last_author_id as string);
}
