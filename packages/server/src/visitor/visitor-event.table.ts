/** Row type of visitors' tracked events (migration 0029), added to Kysely's Database. */
import type { Selectable } from 'kysely';

export interface VisitorEventTable {
  id: string;
  workspace_id: string;
  visitor_id: string;
  name: string;
  /** JSON: a flat object of text, numbers and booleans; null without data. */
  data: string | null;
  created_at: number;
}

export type VisitorEventRow = Selectable<VisitorEventTable>;

declare module '../db/tables.js' {
  interface Database {
    visitor_events: VisitorEventTable;
  }
}
