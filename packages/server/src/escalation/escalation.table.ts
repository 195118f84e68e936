/** Row types of transfer and escalation (migration 0019), added to Kysely's Database. */
import type { Selectable } from 'kysely';

export interface EscalationSettingsTable {
  workspace_id: string;
  /** The workspace's tier-2 team: where escalations go unless one names a supervisor. */
  tier2_team_id: string | null;
  updated_at: number;
}

export interface ConversationEscalationTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  by_kind: 'operator' | 'rule';
  by_id: string;
  by_name: string;
  from_team_id: string | null;
  to_team_id: string | null;
  to_operator_id: string | null;
  reason: string;
  created_at: number;
}

export type ConversationEscalationRow = Selectable<ConversationEscalationTable>;

declare module '../db/tables.js' {
  interface Database {
    escalation_settings: EscalationSettingsTable;
    conversation_escalations: ConversationEscalationTable;
  }
}
