/** The click log of rich messages (migration 0044). */
import type { Selectable } from 'kysely';

export interface RichClickTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  message_id: string;
  visitor_id: string;
  product_id: string | null;
  option_id: string | null;
  /** view | choose | quick_reply */
  action: string;
  created_at: number;
}

export type RichClickRow = Selectable<RichClickTable>;

declare module '../db/tables.js' {
  interface Database {
    rich_clicks: RichClickTable;
  }
}
