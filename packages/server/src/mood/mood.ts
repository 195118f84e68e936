/** The mood feature's domain types (G3): what is scored, and what a conversation keeps. */
import type { Mood, MoodTrend } from '@switchboard/protocol';

/** A stored visitor message waiting to be scored. */
export interface MoodItem {
  workspaceId: string;
  conversationId: string;
  messageId: string;
  seq: number;
  body: string;
}

/** One scored message, as stored. */
export interface ScoredMessage extends Omit<MoodItem, 'body'> {
  mood: Mood;
  confidence: number;
  valence: number;
}

/** The conversation's mood after a batch: its latest message's mood and the trend over its recent ones. */
export interface ConversationMood {
  mood: Mood;
  confidence: number;
  trend: MoodTrend;
}

/** How many of a conversation's latest scored messages the trend reads. */
export const TREND_WINDOW = 12;
/** How far back (in sequence numbers, operators' messages included) the trend looks for them. */
export const TREND_SEQS = 60;
