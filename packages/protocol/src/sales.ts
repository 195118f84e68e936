/**
 * Sales attribution (E4) on the wire: a purchase the host site reported and
 * the touch it was attributed to, the `sale` frame consoles hear, and the
 * shapes of the Sales reports (one per service function, so the reports page
 * can include them).
 */

export type SalesGroupBy = 'operator' | 'team' | 'inbox' | 'trigger';

/** A purchase and the one touch it was attributed to (last touch). */
export interface SaleDto {
  purchaseId: string;
  orderId: string;
  inboxId: string;
  /** Minor units of `currency`, as the site reported it. */
  valueMinor: number;
  currency: string;
  purchasedAt: number;
  touch: 'chat' | 'trigger';
  conversationId: string | null;
  operatorId: string | null;
  teamId: string | null;
  triggerId: string | null;
  triggerVariant: 'a' | 'b' | null;
}

/**
 * To the workspace's owners and admins, the supervisors of the credited team
 * and the credited operator: a purchase was attributed. An open Sales page
 * loads its figures again. Optional: consoles that do not know it ignore it.
 */
export interface SaleFrame {
  type: 'sale';
  sale: SaleDto;
}

/** An amount per currency as reported (minor units), never converted. */
export type AmountsByCurrency = Record<string, number>;

export interface SalesFigures {
  purchases: number;
  /** In the report currency's minor units: only purchases whose currency has a rate. */
  revenueMinor: number;
  /** What was reported, per currency (minor units). */
  amounts: AmountsByCurrency;
  /** Currencies with no rate set: their purchases are not in `revenueMinor` ("No rate for X"). */
  unconverted: string[];
  /** Chats with an operator reply in the period. */
  conversations: number;
  /** Conversations with an attributed purchase in the period. */
  convertedConversations: number;
  /** convertedConversations / conversations (0 to 1); null when there were no conversations. */
  conversionRate: number | null;
  /** revenueMinor / purchases with a rate; null when none. */
  averageOrderMinor: number | null;
}

export interface SalesReportRow extends SalesFigures {
  /** The operator, team, inbox or trigger id; null: none (e.g. a conversation of no team). */
  id: string | null;
  name: string;
}

export interface SalesReport {
  from: number;
  to: number;
  groupBy: SalesGroupBy;
  currency: string;
  rows: SalesReportRow[];
  totals: SalesFigures;
  goals: {
    /** Revenue goal per month (report currency, minor units), scaled to the period; null: none. */
    revenueMinor: number | null;
    /** totals.revenueMinor / revenue goal for the period (0 to …); null: no goal. */
    revenueProgress: number | null;
    /** 0 to 1; null: none. */
    conversionRate: number | null;
  };
  /** The attribution rule in words, shown under the table. */
  rule: string;
}

export interface SalesDay {
  /** UTC midnight of the day. */
  day: number;
  revenueMinor: number;
  purchases: number;
  conversations: number;
  conversionRate: number | null;
}

export interface SalesTimeseries {
  from: number;
  to: number;
  currency: string;
  days: SalesDay[];
  /** The revenue goal per day (report currency, minor units); null: none. */
  revenueGoalPerDayMinor: number | null;
  conversionGoal: number | null;
  unconverted: string[];
}
