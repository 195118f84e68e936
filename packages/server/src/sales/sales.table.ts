/** Row types of the sales settings (migration 0046), added to Kysely's Database. */
import type { Selectable } from 'kysely';

export interface SalesSettingsTable {
  workspace_id: string;
  attribution_window_days: number;
  report_currency: string;
  /** JSON { currency: rate to the report currency } */
  rates: string;
  revenue_goal_minor: number | null;
  /** Basis points: 1 % = 100. */
  conversion_goal_bp: number | null;
  updated_at: number;
}

export interface SalesInboxSettingsTable {
  inbox_id: string;
  workspace_id: string;
  require_signed_purchases: number;
  updated_at: number;
}

export type SalesSettingsRow = Selectable<SalesSettingsTable>;

declare module '../db/tables.js' {
  interface Database {
    sales_settings: SalesSettingsTable;
    sales_inbox_settings: SalesInboxSettingsTable;
  }
}
