/**
 * The decisions of a group commit for one conversation, apart from any I/O, so
 * the asynchronous path (any database) and the synchronous SQLite path make
 * exactly the same ones: who may write, which sends repeat a stored client id,
 * what gets appended, and what each send is answered.
 */
import type { ContactRow } from '../contact/contact.repository.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import { type AppError, badRequest, notFound } from '../errors.js';
import { visitorMayAccess } from '../identity/access.js';
import { type MessageRow, type NewMessage, type Outcome, reopenedByVisitor, type SendMessageProps, wakesOnVisitor } from './message.js';

const refuse = (error: AppError): Outcome => ({ ok: false, error });

/** Sends grouped by conversation; conversations with a file, and sends starting a conversation, stay out. */
export function groupByConversation(items: SendMessageProps[]): Map<string, number[]> {
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
  for (const id of withFiles) groups.delete(id);
  return groups;
}

/** Refuses sends that may not write here; returns the others. */
export function admit(conv: ConversationRow | undefined, indexes: number[], items: SendMessageProps[], out: Outcome[]): number[] {
  const accepted: number[] = [];
  for (const i of indexes) {
    const p = items[i] as SendMessageProps;
    // Someone else's conversation looks exactly like a missing one.
    if (!conv || conv.workspace_id !== p.workspaceId || (p.visitor && !visitorMayAccess(p.visitor, conv))) out[i] = refuse(notFound('Conversation'));
    else if (!p.body.trim()) out[i] = refuse(badRequest('A message needs text or an attachment'));
    // Merged away: left to the one-by-one path, which follows it to the conversation it went into.
    else if (conv.merged_into) continue;
    else accepted.push(i);
  }
  return accepted;
}

export const clientIdsOf = (accepted: number[], items: SendMessageProps[]) => [
  ...new Set(accepted.map((i) => items[i]?.clientId).filter((c): c is string => !!c)),
];

export interface GroupPlan {
  fresh: number[];
  repeats: number[];
  /** What gets appended: a "Reopened by the visitor" line when it applies, then each fresh send. */
  messages: NewMessage[];
  /** System lines at the start of `messages`. */
  events: number;
  reopen: boolean;
  stored: Map<string, MessageRow>;
}

/** Splits accepted sends into new messages and repeats of a stored (or earlier) client id. */
export function plan(conv: ConversationRow, accepted: number[], items: SendMessageProps[], existing: MessageRow[]): GroupPlan {
  const stored = new Map<string, MessageRow>(existing.map((r) => [r.client_id as string, r]));
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
  const messages: NewMessage[] = fresh.map((i) => {
    const p = items[i] as SendMessageProps;
    return { clientId: p.clientId, author: p.author, kind: 'text', body: p.body, attachments: [], event: null, createdAt: p.now, rich: p.rich ?? null };
  });
  // A visitor writing into a resolved conversation brings it back to the operators, and they see why.
  const reopen = wakesOnVisitor(conv.status) && fresh.some((i) => items[i]?.author.kind === 'visitor');
  if (reopen) messages.unshift(reopenedByVisitor((messages[0] as NewMessage).createdAt, conv.status));
  return { fresh, repeats, messages, events: reopen ? 1 : 0, reopen, stored };
}

/** Answers every send of the group once its messages are stored. */
export function settle(p: GroupPlan, items: SendMessageProps[], final: ConversationRow, contact: ContactRow | null, rows: MessageRow[], out: Outcome[]): void {
  const events = rows.slice(0, p.events);
  rows.slice(p.events).forEach((row, k) => {
    if (row.client_id) p.stored.set(row.client_id, row);
    out[p.fresh[k] as number] = {
      ok: true,
      value: { row, conversation: final, contact, duplicate: false, createdConversation: false, events: k === 0 ? events : [] },
    };
  });
  for (const i of p.repeats) {
    const row = p.stored.get(items[i]?.clientId as string) as MessageRow;
    out[i] = { ok: true, value: { row, conversation: final, contact, duplicate: true, createdConversation: false, events: [] } };
  }
}
