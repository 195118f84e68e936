/** Builders for the data shapes the server sends, for the console's unit tests. */
import type { ConversationSummary, MessageDto } from '@switchboard/protocol';

export function summary(over: Partial<ConversationSummary> & { id: string }): ConversationSummary {
  return {
    inboxId: 'in1',
    status: 'open',
    assigneeId: null,
    visitorId: `v-${over.id}`,
    contact: null,
    lastSeq: 1,
    lastMessage: { seq: 1, author: { kind: 'visitor', id: 'v', name: null }, preview: 'Hello', createdAt: 1000, files: 0 },
    visitorReadSeq: 0,
    operatorReadSeq: 0,
    unreadCount: 1,
    labels: [],
    snoozedUntil: null,
    mergedInto: null,
    rating: null,
    teamId: null,
    awaitingEmailReply: false,
    priority: 'normal',
    queuedAt: null,
    createdAt: 1000,
    updatedAt: 1000,
    ...over,
  };
}

/**
 * The summary after the visitor (or an operator, or a system line) took the
 * conversation to `seq`, as the server makes it: a system line changes no
 * preview and no unread count; an operator's message clears the count.
 */
export function after(c: ConversationSummary, seq: number, kind: 'visitor' | 'operator' | 'system' = 'visitor', at = c.updatedAt + 1000): ConversationSummary {
  if (kind === 'system') return { ...c, lastSeq: seq, updatedAt: at };
  return {
    ...c,
    lastSeq: seq,
    lastMessage: {
      seq,
      author: { kind, id: kind === 'operator' ? 'op1' : 'v', name: kind === 'operator' ? 'Ana' : null },
      preview: `m${seq}`,
      createdAt: at,
      files: 0,
    },
    unreadCount: kind === 'operator' ? 0 : c.unreadCount + (seq - c.lastSeq),
    updatedAt: at,
  };
}

export function message(seq: number, over: Partial<MessageDto> = {}): MessageDto {
  return {
    id: `m${seq}`,
    conversationId: 'c1',
    seq,
    clientId: null,
    author: { kind: 'visitor', id: 'v', name: null },
    kind: 'text',
    body: `message ${seq}`,
    attachments: [],
    event: null,
    createdAt: seq * 1000,
    ...over,
  };
}
