/** An operator's own preferences, one row per operator who changed one (defaults otherwise). */
export interface OperatorPreferencesTable {
  operator_id: string;
  workspace_id: string;
  /** Idle minutes before the operator shows as away; 0: never. */
  away_after_minutes: number;
  updated_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    operator_preferences: OperatorPreferencesTable;
  }
}
