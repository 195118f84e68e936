import type { AttachmentDto, Author, MessageDto, RichContent, SystemEvent } from '@switchboard/protocol';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import type { Db } from '../db/database.js';
import { bumpOf, type Dialect, type MessageRow, messageRows, type NewMessage } from './message.js';
import { bumpAll, insertMessages } from './message.sql.js';

function parseJson<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export const presentMessage = (row: MessageRow): MessageDto => ({
  id: row.id,
  conversationId: row.conversation_id,
  seq: row.seq,
  clientId: row.client_id,
  author: { kind: row.author_kind as Author['kind'], id: row.author_id, name: row.author_name },
  kind: row.kind === 'event' ? 'event' : 'text',
  body: row.body,
  attachments: parseJson<AttachmentDto[]>(row.attachments, []),
  event: parseJson<SystemEvent | null>(row.event, null),
  createdAt: row.created_at,
  // Only rich messages carry the field: plain ones look as they always did.
  ...(row.rich ? { rich: parseJson<RichContent | null>(row.rich, null) } : {}),
});

/**
 * Appends messages at the conversation's next sequence numbers. The UPDATE
 * takes the conversation's row lock, so sequence numbers are given out in
 * commit order and without gaps, on SQLite and PostgreSQL alike. Several
 * messages to one conversation cost one UPDATE and one INSERT.
 */
export async function appendMessages(
  db: Db,
  dialect: Dialect,
  workspaceId: string,
  conversationId: string,
  ms: NewMessage[],
  reopen = false,
): Promise<{ rows: MessageRow[]; conversation: ConversationRow } | undefined> {
  const bump = bumpOf(workspaceId, conversationId, ms, reopen);
  if (!bump) return undefined;
  const [conversation] = await bumpAll(db, dialect, [bump]);
  if (!conversation) return undefined;
  const rows = messageRows(workspaceId, conversationId, conversation.last_seq, ms);
  await insertMessages(db, dialect, rows);
  return { rows, conversation };
}

/** One message with a conversation change (status, assignee), in the caller's transaction. */
export async function appendMessage(
  db: Db,
  dialect: Dialect,
  workspaceId: string,
  conversationId: string,
  m: NewMessage,
  conversationPatch: Partial<
    Pick<ConversationRow, 'status' | 'assignee_id' | 'resolved_at' | 'snoozed_until' | 'labels' | 'priority' | 'queued_at' | 'requeued' | 'assigned_at'>
  > = {},
): Promise<{ row: MessageRow; conversation: ConversationRow } | undefined> {
  if (Object.keys(conversationPatch).length > 0) {
    const changed = await db
      .updateTable('conversations')
      .set(conversationPatch)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', conversationId)
      .executeTakeFirst();
    if (Number(changed.numUpdatedRows) === 0) return undefined;
  }
  const r = await appendMessages(db, dialect, workspaceId, conversationId, [m]);
  return r && { row: r.rows[0] as MessageRow, conversation: r.conversation };
}

export async function findByClientId(db: Db, conversationId: string, clientId: string): Promise<MessageRow | undefined> {
  return db.selectFrom('messages').selectAll().where('conversation_id', '=', conversationId).where('client_id', '=', clientId).executeTakeFirst();
}

/**
 * A message with this client id in any of the visitor's conversations: a
 * repeated send that started a conversation finds the one it started.
 */
export async function findVisitorMessageByClientId(db: Db, visitorId: string, clientId: string): Promise<MessageRow | undefined> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('conversation_id', 'in', (eb) => eb.selectFrom('conversations').select('id').where('visitor_id', '=', visitorId))
    .executeTakeFirst();
}

/**
 * On PostgreSQL, holds the visitor's row until the transaction ends, so two
 * sends starting a conversation for one visitor (a repeat on another node)
 * run one after the other. SQLite runs write transactions one at a time anyway.
 */
export async function lockVisitor(db: Db, dialect: Dialect, visitorId: string): Promise<void> {
  if (dialect === 'postgres') await db.selectFrom('visitors').select('id').where('id', '=', visitorId).forUpdate().execute();
}

/** Messages after a sequence (resume), oldest first. */
export async function listMessagesAfter(db: Db, conversationId: string, after: number, limit: number): Promise<MessageRow[]> {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '>', after)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
}

/** The page of messages before a sequence (history), returned oldest first. */
export async function listMessagesBefore(db: Db, conversationId: string, before: number, limit: number): Promise<MessageRow[]> {
  const rows = await db
    .selectFrom('messages')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('seq', '<', before)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}
