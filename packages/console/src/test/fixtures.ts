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
    lastMessage: { seq: 1, author: { kind: 'visitor', id: 'v', name: null }, preview: 'Hello', createdAt: 1000 },
    visitorReadSeq: 0,
    operatorReadSeq: 0,
    createdAt: 1000,
    updatedAt: 1000,
    ...over,
  };
}

/** The summary after the visitor (or someone else) wrote message `seq`. */
export function after(c: ConversationSummary, seq: number, kind: 'visitor' | 'operator' | 'system' = 'visitor', at = c.updatedAt + 1000): ConversationSummary {
  return {
    ...c,
    lastSeq: seq,
    lastMessage: { seq, author: { kind, id: kind === 'operator' ? 'op1' : 'v', name: kind === 'operator' ? 'Ana' : null }, preview: `m${seq}`, createdAt: at },
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
