/** Row type of the message moods table, added to Kysely's Database (migration 0022). */
export interface MessageMoodsTable {
  message_id: string;
  workspace_id: string;
  conversation_id: string;
  seq: number;
  /** 'negative' | 'neutral' | 'positive'. */
  mood: string;
  confidence: number;
  /** P(positive) - P(negative), -1..1: what the trend is computed from. */
  valence: number;
  scored_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    message_moods: MessageMoodsTable;
  }
}
