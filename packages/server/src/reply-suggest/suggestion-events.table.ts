/** Row type of what operators did with reply suggestions (see migration 0038). */
export interface ReplySuggestionEventTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  operator_id: string;
  suggestion_id: string;
  source_kind: 'article' | 'answer' | 'model';
  action: 'shown' | 'inserted' | 'edited' | 'ignored' | 'sent';
  created_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    reply_suggestion_events: ReplySuggestionEventTable;
  }
}
