/**
 * Stores a batch of sends in the caller's transaction, grouped by
 * conversation: per conversation one read, one duplicate check, one UPDATE
 * for the sequence numbers and one INSERT, instead of that much per message.
 * Sends that start a conversation, and conversations with a file in the
 * batch, take the one-by-one path. Each send gets its own outcome; order
 * within a conversation is kept.
 */
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { findContact } from '../contact/contact.repository.js';
import { admit, clientIdsOf, groupByConversation, type Outcome, plan, settle } from './group-plan.js';
import { appendMessages } from './message.repository.js';
import { type Dialect, selectByClientIds, selectConversation } from './hot-path.sql.js';
import { type SendMessageProps, storeMessage } from './send-message.js';

export type { Outcome };

export async function storeBatch(db: Db, dialect: Dialect, items: SendMessageProps[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(items.length);
  for (const [conversationId, indexes] of groupByConversation(items)) await storeGroup(db, dialect, conversationId, indexes, items, outcomes);
  await storeRest(db, dialect, items, outcomes);
  return outcomes;
}

/** The sends no group took, one by one. */
export async function storeRest(db: Db, dialect: Dialect, items: SendMessageProps[], outcomes: Outcome[]): Promise<void> {
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
}

async function storeGroup(db: Db, dialect: Dialect, conversationId: string, indexes: number[], items: SendMessageProps[], out: Outcome[]): Promise<void> {
  const conv = await selectConversation(db, dialect, conversationId);
  const accepted = admit(conv, indexes, items, out);
  if (!conv || accepted.length === 0) return;
  const contact = conv.contact_id ? ((await findContact(db, conv.workspace_id, conv.contact_id)) ?? null) : null;
  const p = plan(conv, accepted, items, await selectByClientIds(db, dialect, conversationId, clientIdsOf(accepted, items)));
  let final = conv;
  let rows: Awaited<ReturnType<typeof appendMessages>> = undefined;
  if (p.messages.length > 0) {
    rows = await appendMessages(db, dialect, conv.workspace_id, conversationId, p.messages, p.reopen);
    if (!rows) throw new Error('conversation vanished inside its transaction');
    final = rows.conversation;
  }
  settle(p, items, final, contact, rows?.rows ?? [], out);
}
