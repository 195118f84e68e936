/**
 * Proactive triggers (E1): the shapes the server keeps, the console edits and
 * the widget's trigger script evaluates in the visitor's browser. Conditions
 * all must hold; a missing condition holds.
 */

export type PropertyOp = 'eq' | 'neq' | 'gt' | 'gte' | 'lt' | 'lte' | 'contains';
export const PROPERTY_OPS: readonly PropertyOp[] = ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains'];

export interface PropertyCondition {
  /** The event's property (`value` of `Switchboard('track', 'cart_viewed', { value: 120 })`). */
  property: string;
  op: PropertyOp;
  value: string | number | boolean;
}

export interface TriggerConditions {
  /** Glob matched against the page URL (`*` any run of characters), e.g. `*\/products/*`. */
  urlPattern?: string | undefined;
  /** Seconds on the current page. */
  timeOnPage?: number | undefined;
  /** Pages viewed in this visit, at least. */
  pagesViewed?: number | undefined;
  visitors?: 'all' | 'new' | 'returning' | undefined;
  referrerContains?: string | undefined;
  utmSource?: string | undefined;
  utmMedium?: string | undefined;
  utmCampaign?: string | undefined;
  /** A custom SDK event of this visit by name, with conditions on its properties (all must hold). */
  event?: { name: string; conditions: PropertyCondition[] } | undefined;
  /** The pointer leaves the page toward the top (desktop only: never fires on touch devices). */
  exitIntent?: boolean | undefined;
}

export type TriggerSender = { kind: 'operator'; operatorId: string } | { kind: 'team'; teamId: string } | { kind: 'bot' };

/** The message of each variant per language (`en`, `de`…); `split`: the share of visitors shown A, in percent. */
export interface TriggerMessages {
  a: Record<string, string>;
  b?: Record<string, string> | undefined;
  split?: number | undefined;
}

export type TriggerFrequency = { per: 'visitor' } | { per: 'visit' } | { per: 'days'; days: number };
export type TriggerOnlyWhen = 'always' | 'operators_available' | 'business_hours';

/** A trigger as the widget receives it: the message already in the visitor's language. */
export interface WidgetTrigger {
  id: string;
  conditions: TriggerConditions;
  /** Variant A's text, and B's when the trigger has an A/B split. */
  a: string;
  b: string | null;
  /** Percent of visitors shown A (the rest see B). */
  split: number;
  delay: number;
  frequency: TriggerFrequency;
  onlyWhen: TriggerOnlyWhen;
  sender: { name: string; avatarUrl: string | null };
}

/** GET /api/v1/widget/triggers: an inbox's enabled triggers for the visitor's language, with what `onlyWhen` needs. */
export interface WidgetTriggers {
  triggers: WidgetTrigger[];
  /** An operator is available now (and the team within its hours). */
  available: boolean;
  /** The team is within its business hours (or has none). */
  open: boolean;
  position: 'left' | 'right';
  color: string;
  textColor: string;
  /** The greeting's words in the visitor's language. */
  labels: { from: string; dismiss: string; reply: string };
}
