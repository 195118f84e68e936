/** Row type of canned responses, added to Kysely's Database (migration 0005). */
export interface CannedResponseTable {
  id: string;
  workspace_id: string;
  /** personal | team | workspace */
  scope: string;
  /** The operator a personal response belongs to; null otherwise. */
  owner_id: string | null;
  /** The team of a team response; null otherwise. */
  team_id: string | null;
  /** Without the slash: `returns` is typed `/returns`. */
  shortcut: string;
  title: string;
  body: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    canned_responses: CannedResponseTable;
  }
}
