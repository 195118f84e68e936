import type { Generated } from 'kysely';

/** Row types of the team tables, added to Kysely's Database (migration 0005). */
export interface TeamTable {
  id: string;
  workspace_id: string;
  name: string;
  /** manual | round_robin | least_busy (routing). */
  assignment_mode: Generated<string>;
  /** Capacity of its members who have none of their own. */
  default_capacity: Generated<number>;
  /** An assigned conversation not answered within this goes back to the queue; null: no limit. */
  answer_seconds: Generated<number | null>;
  /** Round robin: the member who got the last conversation. */
  last_assignee_id: Generated<string | null>;
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
