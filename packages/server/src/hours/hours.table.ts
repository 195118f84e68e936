/** Row types of the hours tables, added to Kysely's Database (migration 0018). */
export interface TeamHoursTable {
  team_id: string;
  workspace_id: string;
  time_zone: string;
  /** JSON: WeeklyInterval[]. */
  weekly: string;
  /** JSON: Holiday[]. */
  holidays: string;
  updated_at: number;
}

export interface OperatorShiftsTable {
  operator_id: string;
  workspace_id: string;
  time_zone: string;
  /** JSON: WeeklyInterval[]. */
  weekly: string;
  /** JSON: ShiftException[]. */
  exceptions: string;
  updated_at: number;
}

declare module '../db/tables.js' {
  interface Database {
    team_hours: TeamHoursTable;
    operator_shifts: OperatorShiftsTable;
  }
}
