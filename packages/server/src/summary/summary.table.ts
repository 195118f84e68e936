/** Row type of conversation summaries (migration 0040). */
export interface ConversationSummaryTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  reason: 'transfer' | 'escalation' | 'resolve' | 'handover' | 'request';
  /** JSON string arrays. */
  problem: string;
  done: string;
  pending: string;
  source: 'extractive' | 'model';
  created_at: number;
  created_by: string | null;
}

declare module '../db/tables.js' {
  interface Database {
    conversation_summaries: ConversationSummaryTable;
  }
}
