/**
 * The message feature's domain types and the pure rules every write path
 * shares (the SQLite fast path, the set-based batch, one by one). The other
 * files of the feature import these; this one imports none of them.
 */
import type { Author, ConversationSummary, MessageDto, RichContent } from '@switchboard/protocol';
import type { Selectable } from 'kysely';
import type { ContactRow } from '../contact/contact.repository.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import type { MessageTable } from '../db/tables.js';
import { newId } from '../ids.js';
import { previewText } from '@switchboard/text';

export type MessageRow = Selectable<MessageTable>;

export type Dialect = 'sqlite' | 'postgres';

/** A message before storage gives it an id and a sequence number. */
export type NewMessage = Omit<MessageDto, 'id' | 'conversationId' | 'seq'>;

export interface SendMessageProps {
  workspaceId: string;
  /** Required for operators; a visitor without one continues or starts their conversation. */
  conversationId?: string | undefined;
  /** Set when the author is a visitor: they may only write in conversations they may access (identity/access.ts). */
  visitor?: { id: string; workspaceId: string; inboxId: string; contactId: string | null; verifiedContactId: string | null } | undefined;
  author: Author;
  clientId: string | null;
  body: string;
  attachmentIds?: string[] | undefined;
  /** A visitor starts a new conversation with this message even when another is open ("New conversation"); no conversationId. */
  newConversation?: boolean | undefined;
  /** A rich message (E2) as resolved by rich/ (the snapshot); `body` is then its plain-text rendering. */
  rich?: RichContent | null | undefined;
  now: number;
}

/** What the sendMessage command did; presented and announced by the writer after commit. */
export interface StoredMessage {
  row: MessageRow;
  conversation: ConversationRow;
  contact: ContactRow | null;
  duplicate: boolean;
  createdConversation: boolean;
  /** System lines stored just before this message, in the same commit ("Reopened by the visitor"). */
  events: MessageRow[];
}

export type Outcome = { ok: true; value: StoredMessage } | { ok: false; error: unknown };

export interface SendResult {
  message: MessageDto;
  conversation: ConversationSummary;
  duplicate: boolean;
}

const PREVIEW_CHARS = 140;

/** The list preview of a message: its text on one line, or the name of its first file. */
export function previewOf(m: Pick<NewMessage, 'body' | 'attachments'>): string {
  // Without its formatting marks; the start of a long message is all a preview shows.
  const text = previewText(m.body.slice(0, PREVIEW_CHARS * 3));
  if (text) return text.length > PREVIEW_CHARS ? `${text.slice(0, PREVIEW_CHARS - 1)}…` : text;
  return m.attachments[0]?.name ?? '';
}

/** A visitor's message brings back a conversation that was resolved or snoozed. */
export const wakesOnVisitor = (status: string): boolean => status === 'resolved' || status === 'snoozed';

/** The system line stored before a visitor's message brings a resolved (or snoozed) conversation back. */
export function reopenedByVisitor(at: number, status = 'resolved'): NewMessage {
  return {
    clientId: null,
    author: { kind: 'system', id: null, name: null },
    kind: 'event',
    body: status === 'snoozed' ? 'Woken up by the visitor’s message' : 'Reopened by the visitor',
    attachments: [],
    event: { type: 'status', status: 'open', byName: null },
    createdAt: at,
  };
}

/**
 * What appending messages does to their conversation's row: the next sequence
 * numbers; the list entry (preview, author, time), which only a visitor's or
 * an operator's message changes, never a system line; and the count of the
 * visitor's messages nobody has read or answered yet.
 */
export interface Bump {
  workspaceId: string;
  id: string;
  count: number;
  at: number;
  /** The last message of the batch that is not a system line, and how many messages follow it. */
  shown: { message: NewMessage; back: number } | null;
  /** An operator wrote in this batch: the unread count starts over from the visitor messages after it. */
  answered: boolean;
  /** Visitor messages after the batch's last operator message. */
  unread: number;
  reopen: boolean;
}

export function bumpOf(workspaceId: string, id: string, ms: NewMessage[], reopen: boolean): Bump | null {
  const last = ms.at(-1);
  if (!last) return null;
  let shown: Bump['shown'] = null;
  let answered = false;
  let unread = 0;
  ms.forEach((m, i) => {
    if (m.kind !== 'event') shown = { message: m, back: ms.length - 1 - i };
    if (m.author.kind === 'operator') {
      answered = true;
      unread = 0;
    } else if (m.author.kind === 'visitor') unread++;
  });
  return { workspaceId, id, count: ms.length, at: last.createdAt, shown, answered, unread, reopen };
}

/** The rows for messages appended after the conversation's sequence moved to `lastSeq`. */
export function messageRows(workspaceId: string, conversationId: string, lastSeq: number, ms: NewMessage[]): MessageRow[] {
  const first = lastSeq - ms.length + 1;
  return ms.map((m, i) => ({
    id: newId(),
    workspace_id: workspaceId,
    conversation_id: conversationId,
    seq: first + i,
    client_id: m.clientId,
    author_kind: m.author.kind,
    author_id: m.author.id,
    author_name: m.author.name,
    kind: m.kind,
    body: m.body,
    attachments: JSON.stringify(m.attachments),
    event: m.event ? JSON.stringify(m.event) : null,
    created_at: m.createdAt,
    rich: m.rich ? JSON.stringify(m.rich) : null,
  }));
}
