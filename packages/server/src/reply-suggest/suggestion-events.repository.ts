import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import type { ReplySuggestionEventTable } from './suggestion-events.table.js';

type Db = Kysely<Database>;

export async function insertSuggestionEvent(db: Db, row: ReplySuggestionEventTable): Promise<void> {
  await db.insertInto('reply_suggestion_events').values(row).execute();
}

/** Events per action (and per source) since a time. */
export async function countSuggestionEvents(
  db: Db,
  workspaceId: string,
  since: number,
): Promise<{ action: ReplySuggestionEventTable['action']; source_kind: ReplySuggestionEventTable['source_kind']; n: number }[]> {
  const rows = await db
    .selectFrom('reply_suggestion_events')
    .select(['action', 'source_kind', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('created_at', '>=', since)
    .groupBy(['action', 'source_kind'])
    .execute();
  return rows.map((r) => ({ action: r.action, source_kind: r.source_kind, n: Number(r.n) }));
}
