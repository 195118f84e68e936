/**
 * One open chat: its messages in sequence order, replies still waiting for
 * the server's ack, and what the visitor is doing (typing, read up to).
 */
import type { AttachmentDto, MessageDto, RichRequest } from '@switchboard/protocol';

export interface PendingReply {
  clientId: string;
  body: string;
  attachments: AttachmentDto[];
  /** A rich block sent with it (E2): kept so Retry sends it again. */
  rich?: RichRequest | undefined;
  createdAt: number;
  /** 'sent': acked, the stored message is on its way in the room. */
  state: 'sending' | 'sent' | 'failed';
  error: string | null;
}

export interface Chat {
  messages: MessageDto[];
  pending: PendingReply[];
  /** Replay of the subscription is complete. */
  synced: boolean;
  hasEarlier: boolean;
  loadingEarlier: boolean;
  visitorTyping: boolean;
  visitorReadSeq: number;
}

export function newChat(): Chat {
  return { messages: [], pending: [], synced: false, hasEarlier: false, loadingEarlier: false, visitorTyping: false, visitorReadSeq: 0 };
}

/** Merges messages by sequence number: each once, in order, whatever order they arrive in. */
export function mergeMessages(current: MessageDto[], incoming: MessageDto[]): MessageDto[] {
  if (incoming.length === 0) return current;
  const last = current[current.length - 1];
  // The common case: one live message after the last one.
  if (incoming.length === 1 && (!last || incoming[0]!.seq > last.seq)) return [...current, incoming[0]!];
  const bySeq = new Map<number, MessageDto>();
  for (const m of current) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}

export function receiveMessage(chat: Chat, message: MessageDto): Chat {
  return {
    ...chat,
    messages: mergeMessages(chat.messages, [message]),
    pending: message.clientId ? chat.pending.filter((p) => p.clientId !== message.clientId) : chat.pending,
    visitorTyping: message.author.kind === 'visitor' ? false : chat.visitorTyping,
  };
}

export function updatePending(chat: Chat, clientId: string, patch: Partial<PendingReply>): Chat {
  // An ack can arrive after the message itself: then the reply is already shown as stored.
  if (patch.state === 'sent' && chat.messages.some((m) => m.clientId === clientId)) {
    return { ...chat, pending: chat.pending.filter((p) => p.clientId !== clientId) };
  }
  return { ...chat, pending: chat.pending.map((p) => (p.clientId === clientId ? { ...p, ...patch } : p)) };
}

/** Highest sequence number in the chat, for read receipts. */
export function lastSeq(chat: Chat): number {
  return chat.messages[chat.messages.length - 1]?.seq ?? 0;
}

/** The operator message that gets the "Seen" mark: the last one the visitor has read. */
export function seenSeq(chat: Chat): number | null {
  for (let i = chat.messages.length - 1; i >= 0; i--) {
    const m = chat.messages[i]!;
    if ((m.author.kind === 'operator' || m.author.kind === 'bot') && m.kind === 'text' && m.seq <= chat.visitorReadSeq) return m.seq;
  }
  return null;
}

/** Messages by the same author within a few minutes share one name-and-time line. */
const GROUP_MS = 5 * 60 * 1000;

export function startsGroup(prev: MessageDto | undefined, m: MessageDto): boolean {
  if (!prev || prev.kind === 'event' || m.kind === 'event') return true;
  return (
    prev.author.kind !== m.author.kind || prev.author.id !== m.author.id || m.createdAt - prev.createdAt > GROUP_MS || !sameDay(prev.createdAt, m.createdAt)
  );
}

export function sameDay(a: number, b: number): boolean {
  return new Date(a).toDateString() === new Date(b).toDateString();
}
