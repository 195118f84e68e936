/** The setConversationStatus command: resolve, reopen, or mark pending, with a record in the conversation. */
import type { ConversationStatus } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { getConversationRow } from './conversation.service.js';
import { recordEvent, type EventResult, unchanged } from './record-event.js';

const LABEL: Record<ConversationStatus, string> = { open: 'Reopened', pending: 'Marked as pending', resolved: 'Resolved' };

export async function setConversationStatus(ctx: Context, p: { actor: Operator; conversationId: string; status: ConversationStatus }): Promise<EventResult> {
  authorize(p.actor, 'conversation.set_status');
  const current = await getConversationRow(ctx, p.actor.workspaceId, p.conversationId);
  if (current.status === p.status) return unchanged(ctx, current);
  return recordEvent(ctx, {
    actor: p.actor,
    conversationId: p.conversationId,
    event: { type: 'status', status: p.status, byName: p.actor.name },
    body: `${LABEL[p.status]} by ${p.actor.name}`,
    patch: { status: p.status, resolved_at: p.status === 'resolved' ? ctx.now() : null },
  });
}
