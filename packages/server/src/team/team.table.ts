/** Row types of the team tables, added to Kysely's Database (migration 0005). */
export interface TeamTable {
  id: string;
  workspace_id: string;
  name: string;
  created_at: number;
  updated_at: number;
}

export interface TeamMemberTable {
  team_id: string;
  operator_id: string;
  /** Copied from the team, so "the teams of this operator" is one indexed lookup in their workspace. */
  workspace_id: string;
  created_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    teams: TeamTable;
    team_members: TeamMemberTable;
  }
}
