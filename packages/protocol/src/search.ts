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

/** An article of the knowledge base (drafts too: `state` says which). */
export interface ArticleHit {
  id: string;
  title: Highlighted;
  /** About 160 characters of the body as plain text (the description when only it matched), around the first match. */
  snippet: Highlighted;
  state: 'draft' | 'published';
  locale: string;
  slug: string;
  /** Its public address in the help centre (it answers only once published). */
  url: string;
  updatedAt: number;
}
