/** Row type of macros, added to Kysely's Database (migration 0005). */
export interface MacroTable {
  id: string;
  workspace_id: string;
  /** personal | workspace */
  scope: string;
  /** The operator a personal macro belongs to; null for the workspace's. */
  owner_id: string | null;
  name: string;
  /** JSON array of { kind, input }, each checked against the action registry when saved and again when run. */
  actions: string;
  created_at: number;
  updated_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    macros: MacroTable;
  }
}
