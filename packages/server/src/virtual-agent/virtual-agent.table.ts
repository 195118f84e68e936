/** Row type of the virtual agent's settings per inbox (migration 0041). */
export interface VirtualAgentTable {
  inbox_id: string;
  workspace_id: string;
  enabled: number;
  name: string;
  max_turns: number;
  threshold: number;
  /** The inbox's bots row while it is on; null while off. */
  bot_id: string | null;
  updated_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    virtual_agents: VirtualAgentTable;
  }
}
