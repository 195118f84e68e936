/**
 * Inbox lists as pure functions over the conversations the console knows.
 * Every list (each view, by status and label) is a filter over one map of
 * summaries, so a `conversation` frame only has to replace one summary and
 * every view is right at once.
 */
import type { ConversationStatus, ConversationSummary } from '@switchboard/protocol';

/**
 * Mine, Unassigned and All list active conversations by the status picked
 * (open or pending); Mentions the conversations where someone mentioned me;
 * Snoozed and Resolved those statuses, whoever holds them.
 */
export type View = 'mine' | 'unassigned' | 'mentions' | 'snoozed' | 'resolved' | 'all';

export const VIEWS: { id: View; label: string }[] = [
  { id: 'mine', label: 'Mine' },
  { id: 'unassigned', label: 'Unassigned' },
  { id: 'mentions', label: 'Mentions' },
  { id: 'snoozed', label: 'Snoozed' },
  { id: 'resolved', label: 'Resolved' },
  { id: 'all', label: 'All' },
];

/** The status filter of Mine, Unassigned and All. */
export type ActiveStatus = Extract<ConversationStatus, 'open' | 'pending'>;

export const STATUSES: { id: ActiveStatus; label: string }[] = [
  { id: 'open', label: 'Open' },
  { id: 'pending', label: 'Pending' },
];

/** Views whose list is filtered by the status picked. */
export const byStatus = (view: View): boolean => view === 'mine' || view === 'unassigned' || view === 'all';

export interface ListFilter {
  view: View;
  status: ActiveStatus;
  meId: string | null;
  /** Only conversations with this label. */
  label?: string | null;
  /** Conversations with a mention of me not seen yet (the Mentions view). */
  mentioned?: Record<string, true>;
}

export function inView(c: ConversationSummary, f: ListFilter): boolean {
  if (f.label && !c.labels.includes(f.label)) return false;
  switch (f.view) {
    case 'mentions':
      return !!f.mentioned?.[c.id] && !c.mergedInto;
    case 'snoozed':
      return c.status === 'snoozed';
    case 'resolved':
      return c.status === 'resolved';
    case 'mine':
      return c.status === f.status && c.assigneeId !== null && c.assigneeId === f.meId;
    case 'unassigned':
      return c.status === f.status && c.assigneeId === null;
    default:
      return c.status === f.status;
  }
}

/** Newest activity first, like the server's pages; the id breaks ties so the order is stable. */
export function byActivity(a: ConversationSummary, b: ConversationSummary): number {
  return b.updatedAt - a.updatedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export function listOf(all: Record<string, ConversationSummary>, f: ListFilter): ConversationSummary[] {
  return Object.values(all)
    .filter((c) => inView(c, f))
    .sort(byActivity);
}

/** "12", or "10,000+" when the server stopped counting. */
export function countLabel(n: number, cap: number): string {
  return n > cap ? `${cap.toLocaleString('en-US')}+` : n.toLocaleString('en-US');
}

/** Keeps the newer of two summaries of the same conversation (frames and HTTP answers can cross). */
export function newer(prev: ConversationSummary | undefined, next: ConversationSummary): ConversationSummary {
  if (!prev) return next;
  if (next.updatedAt < prev.updatedAt || next.lastSeq < prev.lastSeq) {
    // Read positions only move forward, whichever copy carries them.
    return {
      ...prev,
      visitorReadSeq: Math.max(prev.visitorReadSeq, next.visitorReadSeq),
      operatorReadSeq: Math.max(prev.operatorReadSeq, next.operatorReadSeq),
    };
  }
  return {
    ...next,
    visitorReadSeq: Math.max(prev.visitorReadSeq, next.visitorReadSeq),
    operatorReadSeq: Math.max(prev.operatorReadSeq, next.operatorReadSeq),
  };
}

/**
 * Unread visitor messages of a conversation, as this console shows them: the
 * server counts what no operator has read or answered yet; the chat on screen
 * is being read, so it shows none.
 */
export function unreadOf(c: ConversationSummary, onScreen: boolean): number {
  return onScreen ? 0 : c.unreadCount;
}

/** The page title: "(3) Switchboard". */
export function totalUnread(unread: Record<string, number>): number {
  return Object.values(unread).reduce((sum, n) => sum + n, 0);
}

export function titleFor(total: number): string {
  return total > 0 ? `(${total}) Switchboard` : 'Switchboard';
}

/** Contact name or email, else "Visitor" and a short id so two visitors can be told apart. */
export function visitorName(c: Pick<ConversationSummary, 'contact' | 'visitorId'>): string {
  const name = c.contact?.name?.trim() || c.contact?.email?.trim();
  return name || `Visitor ${shortId(c.visitorId)}`;
}

export function shortId(id: string): string {
  return id
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-6)
    .toUpperCase();
}

/** A new visitor message worth a sound or a desktop notification. */
export function isNewVisitorMessage(prev: ConversationSummary | undefined, next: ConversationSummary): boolean {
  return next.lastMessage?.author.kind === 'visitor' && (!prev || next.lastMessage.seq > (prev.lastMessage?.seq ?? 0));
}
