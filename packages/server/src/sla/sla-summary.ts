/** The SLA fields of a conversation summary (protocol 7), from the conversation's columns. */
import type { ConversationSummary, SlaTarget } from '@switchboard/protocol';

type SlaColumns = { sla_due_at?: number | null; sla_target?: string | null; sla_warn_at?: number | null; sla_breached_at?: number | null };
type SlaFields = Pick<ConversationSummary, 'slaDueAt' | 'slaTarget' | 'slaWarnAt' | 'slaBreachedAt'>;

const num = (v: number | null | undefined) => (v === null || v === undefined ? null : Number(v));

export function presentSla(row: SlaColumns): SlaFields {
  return {
    slaDueAt: num(row.sla_due_at),
    slaTarget: (row.sla_target as SlaTarget | null | undefined) ?? null,
    slaWarnAt: num(row.sla_warn_at),
    slaBreachedAt: num(row.sla_breached_at),
  };
}
