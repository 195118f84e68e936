/** Row types of the rules tables, added to Kysely's Database (migration 0020). */
export interface RuleTable {
  id: string;
  workspace_id: string;
  name: string;
  position: number;
  /** 1 on, 0 off. */
  enabled: number;
  /** JSON: RuleEvent. */
  event: string;
  /** JSON: Condition[]. */
  conditions: string;
  /** JSON: RuleAction[]. */
  actions: string;
  created_at: number;
  updated_at: number;
}

export interface RuleRunTable {
  id: string;
  workspace_id: string;
  rule_id: string;
  conversation_id: string;
  /** 'ok' | 'failed'. */
  outcome: string;
  /** Why it failed, in words. */
  reason: string | null;
  at: number;
}

declare module '../db/tables.js' {
  interface Database {
    rules: RuleTable;
    rule_runs: RuleRunTable;
  }
}
