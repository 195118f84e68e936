/**
 * Stores a batch of sends in the caller's transaction with set-based SQL:
 * every conversation of the batch is read, checked for repeated client ids,
 * given its sequence numbers and its messages in a few statements in all.
 * Sends that start a conversation, and conversations with a file in the
 * batch, take the one-by-one path. Each send gets its own outcome; order
 * within a conversation is kept. The decisions are those of group-plan.ts,
 * shared with the synchronous SQLite path.
 */
import type { ConversationRow } from '../conversation/conversation.repository.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { admit, clientIdsOf, type GroupPlan, groupByConversation, plan, settle } from './group-plan.js';
import { type Bump, bumpOf, type Dialect, type MessageRow, messageRows, type Outcome, type SendMessageProps } from './message.js';
import { bumpAll, insertMessages, lockConversations, selectContacts, selectRepeats } from './message.sql.js';
import { storeMessage } from './send-message.js';

export async function storeBatch(db: Db, dialect: Dialect, items: SendMessageProps[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = new Array(items.length);
  const groups = groupByConversation(items);
  if (groups.size > 0) await storeGroups(db, dialect, groups, items, outcomes);
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

async function storeGroups(db: Db, dialect: Dialect, groups: Map<string, number[]>, items: SendMessageProps[], out: Outcome[]): Promise<void> {
  const ids = [...groups.keys()];
  const convs = new Map((await lockConversations(db, dialect, ids)).map((c) => [c.id, c]));
  const admitted = new Map<string, { conv: ConversationRow; accepted: number[] }>();
  for (const [id, indexes] of groups) {
    const conv = convs.get(id);
    const accepted = admit(conv, indexes, items, out);
    if (conv && accepted.length > 0) admitted.set(id, { conv, accepted });
  }
  if (admitted.size === 0) return;
  const live = [...admitted.values()];
  const contactIds = [...new Set(live.map((g) => g.conv.contact_id).filter((c): c is string => c !== null))];
  const contacts = new Map((await selectContacts(db, dialect, contactIds)).map((c) => [c.id, c]));
  const clientIds = [...new Set(live.flatMap((g) => clientIdsOf(g.accepted, items)))];
  const repeats = await selectRepeats(db, dialect, [...admitted.keys()], clientIds);
  const plans = new Map<string, GroupPlan>();
  for (const [id, g] of admitted) {
    plans.set(
      id,
      plan(
        g.conv,
        g.accepted,
        items,
        repeats.filter((r) => r.conversation_id === id),
      ),
    );
  }
  const bumps = [...plans].map(([id, p]) => bumpOf(admitted.get(id)!.conv.workspace_id, id, p.messages, p.reopen)).filter((b): b is Bump => b !== null);
  const bumped = new Map((await bumpAll(db, dialect, bumps)).map((c) => [c.id, c]));
  const allRows: MessageRow[] = [];
  const rowsOf = new Map<string, MessageRow[]>();
  for (const [id, p] of plans) {
    const final = bumped.get(id);
    if (p.messages.length > 0 && !final) throw new Error('conversation vanished inside its transaction');
    const rows = final ? messageRows(final.workspace_id, id, final.last_seq, p.messages) : [];
    rowsOf.set(id, rows);
    allRows.push(...rows);
  }
  await insertMessages(db, dialect, allRows);
  for (const [id, p] of plans) {
    const g = admitted.get(id) as { conv: ConversationRow };
    const final = bumped.get(id) ?? g.conv;
    settle(p, items, final, final.contact_id ? (contacts.get(final.contact_id) ?? null) : null, rowsOf.get(id) ?? [], out);
  }
}
