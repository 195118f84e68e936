/** Row types of the SLA tables and columns, added to Kysely's Database (migration 0021_sla). */
import type { Generated } from 'kysely';

export type SlaTarget = 'first_response' | 'next_response' | 'resolution';

export interface SlaPolicyTable {
  id: string;
  workspace_id: string;
  name: string;
  first_response_seconds: number | null;
  next_response_seconds: number | null;
  resolution_seconds: number | null;
  /** Warn when this share of the target has gone (unless warn_before_seconds). */
  warn_percent: number;
  /** Warn this long before the target instead. */
  warn_before_seconds: number | null;
  /** 1: time outside the conversation's team's business hours does not count. */
  business_hours: number;
  created_at: number;
  updated_at: number;
}

/** One target of a conversation, running while stopped_at is null (a breached one runs on until it is met). */
export interface SlaTimerTable {
  conversation_id: string;
  target: string;
  workspace_id: string;
  /** 1, 2, … : a new next response wait (or a reopened conversation's resolution) is a new cycle. */
  cycle: number;
  policy_id: string;
  started_at: number;
  /** null: never (no business hours ahead within the horizon). */
  warn_at: number | null;
  due_at: number | null;
  warned_at: number | null;
  breached_at: number | null;
  stopped_at: number | null;
}

export interface SlaEventTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  policy_id: string;
  target: string;
  cycle: number;
  outcome: string;
  due_at: number;
  at: number;
}

declare module '../db/tables.js' {
  interface Database {
    sla_policies: SlaPolicyTable;
    sla_timers: SlaTimerTable;
    sla_events: SlaEventTable;
  }
  interface ConversationTable {
    /** The SLA policy a rule chose; null: the team's, else the inbox's. */
    sla_policy_id: Generated<string | null>;
    /** The nearest due target not yet breached, and which it is, and when it warns. */
    sla_due_at: Generated<number | null>;
    sla_target: Generated<string | null>;
    sla_warn_at: Generated<number | null>;
    /** The latest breach of a target still not met; null: none. */
    sla_breached_at: Generated<number | null>;
  }
  interface InboxTable {
    sla_policy_id: Generated<string | null>;
  }
}

declare module '../team/team.table.js' {
  interface TeamTable {
    sla_policy_id: Generated<string | null>;
  }
}
