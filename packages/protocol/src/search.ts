/** What GET /api/v1/search answers (C4): shared by the server, which builds it, and the console, which shows it. */

/** A piece of text with the [start, end) ranges that matched. */
export interface Highlighted {
  text: string;
  ranges: [number, number][];
}

export interface MessageHit {
  kind: 'message' | 'note';
  id: string;
  conversationId: string;
  /** The message's sequence number (a note: the message it follows). */
  seq: number;
  authorKind: string;
  authorName: string | null;
  createdAt: number;
  status: string;
  inboxId: string;
  teamId: string | null;
  snippet: Highlighted;
}

export interface ContactHit {
  id: string;
  name: Highlighted | null;
  email: Highlighted | null;
  phone: Highlighted | null;
  company: Highlighted | null;
}
