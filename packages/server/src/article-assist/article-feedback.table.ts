/** Row types of article events and votes (see migration 0034). */
export interface ArticleEventTable {
  id: string;
  workspace_id: string;
  article_id: string;
  kind: 'view' | 'inserted';
  source: 'widget' | 'help' | 'console';
  visitor_id: string | null;
  operator_id: string | null;
  conversation_id: string | null;
  created_at: number;
}

export interface ArticleVoteTable {
  workspace_id: string;
  article_id: string;
  visitor_id: string;
  /** 1 helpful, 0 not. */
  helpful: number;
  created_at: number;
  updated_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    article_events: ArticleEventTable;
    article_votes: ArticleVoteTable;
  }
}
