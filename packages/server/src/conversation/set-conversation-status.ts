/** The setConversationStatus command: resolve, reopen, or mark pending, with a record in the conversation. */
import type { ConversationStatus } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { conflict } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { visibleConversationRow } from './conversation.service.js';
import { recordEvent, type EventResult, unchanged } from './record-event.js';

/** What an operator may set by hand; snoozing has its own command, with a wake time. */
export type SettableStatus = Exclude<ConversationStatus, 'snoozed'>;

const LABEL: Record<SettableStatus, string> = { open: 'Reopened', pending: 'Marked as pending', resolved: 'Resolved' };

export async function setConversationStatus(ctx: Context, p: { actor: Operator; conversationId: string; status: SettableStatus }): Promise<EventResult> {
  authorize(p.actor, 'conversation.set_status');
  const current = await visibleConversationRow(ctx, p.actor, p.conversationId);
  if (current.status === p.status) return unchanged(ctx, current);
  if (current.merged_into) throw conflict('This conversation was merged into another one; write there');
  const label = current.status === 'snoozed' && p.status === 'open' ? 'Woken up' : LABEL[p.status];
  return recordEvent(ctx, {
    actor: p.actor,
    conversationId: p.conversationId,
    event: { type: 'status', status: p.status, byName: p.actor.name },
    body: `${label} by ${p.actor.name}`,
    // A snooze ends with any other status; its wake job then finds nothing to do.
    patch: { status: p.status, resolved_at: p.status === 'resolved' ? ctx.now() : null, snoozed_until: null },
  });
}
