/**
 * Stores a batch of sends in the caller's transaction, grouped by
 * conversation: per conversation one read, one duplicate check, one UPDATE
 * for the sequence numbers and one INSERT, instead of that much per message.
 * Sends that start a conversation, and conversations with a file in the
 * batch, take the one-by-one path.
 * Each send gets its own outcome; order within a conversation is kept.
 */
import type { Db } from '../db/database.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { findContact } from '../contact/contact.repository.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import { appendMessages, type MessageRow, type NewMessage } from './message.repository.js';
import { type Dialect, selectByClientIds, selectConversation } from './hot-path.sql.js';
import { type SendMessageProps, type StoredMessage, storeMessage } from './send-message.js';

export type Outcome = { ok: true; value: StoredMessage } | { ok: false; error: unknown };

const refuse = (error: AppError): Outcome => ({ ok: false, error });

export async function storeBatch(db: Db, dialect: Dialect, items: SendMessageProps[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(items.length);
  const groups = new Map<string, number[]>();
  const withFiles = new Set<string>();
  for (const [i, p] of items.entries()) {
    if (!p.conversationId) continue;
    if ((p.attachmentIds?.length ?? 0) > 0) withFiles.add(p.conversationId);
    const g = groups.get(p.conversationId);
    if (g) g.push(i);
    else groups.set(p.conversationId, [i]);
  }
  // A conversation with a file in the batch is stored send by send, to keep its order.
  for (const [conversationId, indexes] of groups) if (!withFiles.has(conversationId)) await storeGroup(db, dialect, conversationId, indexes, items, outcomes);
  for (const [i, p] of items.entries()) {
    if (outcomes[i]) continue;
    try {
      outcomes[i] = { ok: true, value: await storeMessage(db, dialect, p) };
    } catch (error) {
      // Expected refusals write nothing before throwing; anything else fails the batch.
      if (!(error instanceof AppError)) throw error;
      outcomes[i] = { ok: false, error };
    }
  }
  return outcomes;
}

async function storeGroup(db: Db, dialect: Dialect, conversationId: string, indexes: number[], items: SendMessageProps[], out: Outcome[]): Promise<void> {
  const conv = await selectConversation(db, dialect, conversationId);
  const accepted: number[] = [];
  for (const i of indexes) {
    const p = items[i] as SendMessageProps;
    // Someone else's conversation looks exactly like a missing one.
    if (!conv || conv.workspace_id !== p.workspaceId || (p.visitor && conv.visitor_id !== p.visitor.id)) out[i] = refuse(notFound('Conversation'));
    else if (!p.body.trim()) out[i] = refuse(badRequest('A message needs text or an attachment'));
    else accepted.push(i);
  }
  if (!conv || accepted.length === 0) return;
  const contact = conv.contact_id ? ((await findContact(db, conv.workspace_id, conv.contact_id)) ?? null) : null;
  const clientIds = [...new Set(accepted.map((i) => items[i]?.clientId).filter((c): c is string => !!c))];
  const stored = new Map<string, MessageRow>((await selectByClientIds(db, dialect, conversationId, clientIds)).map((r) => [r.client_id as string, r]));
  const fresh: number[] = [];
  const repeats: number[] = [];
  const claimed = new Set<string>();
  for (const i of accepted) {
    const id = items[i]?.clientId;
    if (id && (stored.has(id) || claimed.has(id))) repeats.push(i);
    else {
      if (id) claimed.add(id);
      fresh.push(i);
    }
  }
  let final: ConversationRow = conv;
  let reopened = false;
  if (fresh.length > 0) {
    reopened = conv.status === 'resolved' && fresh.some((i) => items[i]?.author.kind === 'visitor');
    const ms: NewMessage[] = fresh.map((i) => {
      const p = items[i] as SendMessageProps;
      return { clientId: p.clientId, author: p.author, kind: 'text', body: p.body, attachments: [], event: null, createdAt: p.now };
    });
    const r = await appendMessages(db, dialect, conv.workspace_id, conversationId, ms, reopened);
    if (!r) throw new Error('conversation vanished inside its transaction');
    final = r.conversation;
    r.rows.forEach((row, k) => {
      const i = fresh[k] as number;
      if (row.client_id) stored.set(row.client_id, row);
      out[i] = { ok: true, value: { row, conversation: final, contact, duplicate: false, createdConversation: false, reopened: reopened && k === 0 } };
    });
  }
  for (const i of repeats) {
    const row = stored.get(items[i]?.clientId as string) as MessageRow;
    out[i] = { ok: true, value: { row, conversation: final, contact, duplicate: true, createdConversation: false, reopened: false } };
  }
}
