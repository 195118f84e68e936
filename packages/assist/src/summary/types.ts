/** What the summarizer reads: a conversation's messages in order, and what it answers. */

export type SummaryAuthor = 'visitor' | 'operator' | 'bot' | 'system';

export interface SummaryMessage {
  /** The message's sequence number in the conversation (ascending). */
  seq: number;
  author: SummaryAuthor;
  /** The message text; for a system line, what it says ("Transferred to Billing by Ann"). */
  text: string;
  /** A system line's event type (transferred, escalated, labels, status, assigned…); absent for people's messages. */
  event?: string | null | undefined;
}

/** Each part a few sentences picked from the conversation (never written anew). */
export interface ExtractiveSummary {
  /** The visitor's most informative sentences. */
  problem: string[];
  /** What operators and bots did: their key sentences and the conversation's events. */
  done: string[];
  /** The visitor's last unanswered question(s) and open promises; empty when nothing pends. */
  pending: string[];
}

export interface SummarizeOptions {
  /** Sentences per part at most (default 3 for problem and pending, 4 for done). */
  problem?: number;
  done?: number;
  pending?: number;
}
