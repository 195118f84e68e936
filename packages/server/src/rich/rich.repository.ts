/** SQL of the rich-message click log (migration 0044): scoped to the workspace, served by its indexes. */
import type { Db } from '../db/database.js';
import type { RichClickTable } from './rich.table.js';

export async function insertClick(db: Db, row: RichClickTable): Promise<void> {
  await db.insertInto('rich_clicks').values(row).execute();
}

/** Clicks per message, for the messages given (those without any are left out). */
export async function countClicks(db: Db, workspaceId: string, messageIds: readonly string[]): Promise<Map<string, number>> {
  if (messageIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('rich_clicks')
    .select(['message_id'])
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('message_id', 'in', [...messageIds])
    .groupBy('message_id')
    .execute();
  return new Map(rows.map((r) => [r.message_id, Number(r.n)]));
}

/** A conversation's clicks, oldest first. */
export async function listClicks(db: Db, workspaceId: string, conversationId: string, limit = 500) {
  return db
    .selectFrom('rich_clicks')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .limit(limit)
    .execute();
}
