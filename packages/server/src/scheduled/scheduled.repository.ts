/** The SQL of send later, every query scoped to the workspace and served by `scheduled_conversation`. */
import type { ScheduledStatus } from '@switchboard/protocol';
import type { Db } from '../db/database.js';
import type { ScheduledMessageRow } from './scheduled.table.js';

export async function insertScheduled(db: Db, row: ScheduledMessageRow): Promise<void> {
  await db.insertInto('scheduled_messages').values(row).execute();
}

export async function findScheduled(db: Db, workspaceId: string, id: string): Promise<ScheduledMessageRow | undefined> {
  return db.selectFrom('scheduled_messages').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function findScheduledByClientId(db: Db, workspaceId: string, conversationId: string, clientId: string): Promise<ScheduledMessageRow | undefined> {
  return db
    .selectFrom('scheduled_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
}

/** What the conversation shows: waiting, going out, and failed (until dismissed), in sending order. */
export async function listOpenScheduled(db: Db, workspaceId: string, conversationId: string, limit: number): Promise<ScheduledMessageRow[]> {
  return db
    .selectFrom('scheduled_messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('status', 'in', ['scheduled', 'sending', 'failed'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('send_at')
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function countWaiting(db: Db, conversationId: string): Promise<number> {
  const r = await db
    .selectFrom('scheduled_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('conversation_id', '=', conversationId)
    .where('status', 'in', ['scheduled', 'sending'])
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Moves a row on only from the statuses given; the row after, or undefined when it was in none of them. */
export async function transition(
  db: Db,
  id: string,
  from: ScheduledStatus[],
  to: { status: ScheduledStatus; error?: string | null; message_seq?: number | null; updated_at: number },
): Promise<ScheduledMessageRow | undefined> {
  const r = await db.updateTable('scheduled_messages').set(to).where('id', '=', id).where('status', 'in', from).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return undefined;
  return db.selectFrom('scheduled_messages').selectAll().where('id', '=', id).executeTakeFirst();
}
