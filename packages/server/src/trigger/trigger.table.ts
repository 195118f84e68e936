/** Row types of proactive triggers and their impressions (migration 0043), added to Kysely's Database. */
import type { Selectable } from 'kysely';

export interface TriggerTable {
  id: string;
  workspace_id: string;
  inbox_id: string;
  name: string;
  enabled: number;
  /** JSON: the conditions, all of which must hold. */
  conditions: string;
  /** JSON: the message variants per language and the A/B split. */
  messages: string;
  /** JSON: who the message is from. */
  sender: string;
  delay_seconds: number;
  /** JSON: the frequency cap. */
  frequency: string;
  only_when: 'always' | 'operators_available' | 'business_hours';
  position: number;
  created_at: number;
  updated_at: number;
}

export interface TriggerImpressionTable {
  id: string;
  workspace_id: string;
  inbox_id: string;
  trigger_id: string;
  variant: 'a' | 'b';
  visitor_id: string;
  visit_id: string | null;
  shown_at: number;
  /** The conversation the trigger's message started, once the visitor replied. */
  conversation_id: string | null;
}

export type TriggerRow = Selectable<TriggerTable>;
export type TriggerImpressionRow = Selectable<TriggerImpressionTable>;

declare module '../db/tables.js' {
  interface Database {
    triggers: TriggerTable;
    trigger_impressions: TriggerImpressionTable;
  }
}
