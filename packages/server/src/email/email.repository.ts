/** The SQL of outgoing mail: the mails of a conversation, of messages, and their state. */
import type { MessageEmail } from '@switchboard/protocol';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { EmailMessagesTable } from './email.table.js';
import './email.table.js';

export type EmailRow = Selectable<EmailMessagesTable>;

export async function findEmail(db: Db, id: string): Promise<EmailRow | undefined> {
  return db.selectFrom('email_messages').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Every mail of a conversation, both ways, oldest first (at most `limit`, the newest). */
export async function conversationEmails(db: Db, workspaceId: string, conversationId: string, limit = 200): Promise<EmailRow[]> {
  const rows = await db
    .selectFrom('email_messages')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

export async function updateEmailState(db: Db, id: string, set: { state: string; error: string | null; attempts: number; now: number }): Promise<void> {
  await db
    .updateTable('email_messages')
    .set({ state: set.state, error: set.error, attempts: set.attempts, updated_at: set.now })
    .where('id', '=', id)
    .execute();
}

export const presentMessageEmail = (r: Pick<EmailRow, 'state' | 'error' | 'recipient'>): MessageEmail => ({
  state: r.state as MessageEmail['state'],
  error: r.error,
  recipient: r.recipient,
});

/** Adds the state of the mail that carried each operator (or bot) message (the newest, when several did) to a page of history. */
export async function withEmails<T extends { id: string; author: { kind: string }; email?: MessageEmail | null }>(db: Db, messages: T[]): Promise<T[]> {
  const ids = messages.filter((m) => m.author.kind === 'operator' || m.author.kind === 'bot').map((m) => m.id);
  if (ids.length === 0) return messages;
  const rows = await db
    .selectFrom('email_messages')
    .select(['message_id', 'state', 'error', 'recipient', 'created_at'])
    .where('message_id', 'in', ids)
    .where('direction', '=', 'out')
    .orderBy('created_at')
    .execute();
  if (rows.length === 0) return messages;
  const byMessage = new Map(rows.map((r) => [r.message_id!, presentMessageEmail(r)]));
  return messages.map((m) => (byMessage.has(m.id) ? { ...m, email: byMessage.get(m.id)! } : m));
}

export interface EmailPreferences {
  onMention: boolean;
  onAssignment: boolean;
  onTaskDue: boolean;
}

export async function findEmailPreferences(db: Db, operatorId: string): Promise<EmailPreferences> {
  const r = await db.selectFrom('email_preferences').selectAll().where('operator_id', '=', operatorId).executeTakeFirst();
  return { onMention: r?.on_mention === 1, onAssignment: r?.on_assignment === 1, onTaskDue: r?.on_task_due === 1 };
}

export async function saveEmailPreferences(db: Db, workspaceId: string, operatorId: string, p: EmailPreferences, now: number): Promise<void> {
  const set = { on_mention: p.onMention ? 1 : 0, on_assignment: p.onAssignment ? 1 : 0, on_task_due: p.onTaskDue ? 1 : 0, updated_at: now };
  await db
    .insertInto('email_preferences')
    .values({ operator_id: operatorId, workspace_id: workspaceId, ...set })
    .onConflict((oc) => oc.column('operator_id').doUpdateSet(set))
    .execute();
}
