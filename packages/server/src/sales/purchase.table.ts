/** Row type of purchases the host site reports (migration 0043), added to Kysely's Database. */
import type { Selectable } from 'kysely';

export interface PurchaseTable {
  id: string;
  workspace_id: string;
  inbox_id: string;
  visitor_id: string;
  contact_id: string | null;
  /** The shop's order id: one purchase per order id and workspace. */
  order_id: string;
  /** Minor units (cents) of `currency`, as given. */
  value_minor: number;
  currency: string;
  /** JSON [{ productId, quantity, priceMinor? }] */
  items: string;
  verified: number;
  created_at: number;
}

export type PurchaseRow = Selectable<PurchaseTable>;

declare module '../db/tables.js' {
  interface Database {
    purchases: PurchaseTable;
  }
}

export interface PurchaseAttributionTable {
  purchase_id: string;
  workspace_id: string;
  inbox_id: string;
  touch: 'chat' | 'trigger';
  conversation_id: string | null;
  operator_id: string | null;
  team_id: string | null;
  trigger_id: string | null;
  trigger_variant: 'a' | 'b' | null;
  rule: 'last_touch';
  touched_at: number;
  value_minor: number;
  currency: string;
  purchased_at: number;
}

export type PurchaseAttributionRow = Selectable<PurchaseAttributionTable>;

declare module '../db/tables.js' {
  interface Database {
    purchase_attributions: PurchaseAttributionTable;
  }
}
