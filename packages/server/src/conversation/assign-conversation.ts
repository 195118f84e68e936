/** The assignConversation command: take a conversation, hand it to someone, or put it back in the queue. */
import type { Context } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { findOperator } from '../operator/operator.repository.js';
import { authorize } from '../policy/policy.js';
import { recordEvent, type EventResult, unchanged } from './record-event.js';
import { visibleConversationRow } from './conversation.service.js';

export interface AssignConversationProps {
  actor: Operator;
  conversationId: string;
  /** null: back to Unassigned. */
  operatorId: string | null;
}

export async function assignConversation(ctx: Context, p: AssignConversationProps): Promise<EventResult> {
  authorize(p.actor, p.operatorId === p.actor.id ? 'conversation.assign_self' : 'conversation.assign_others');
  const current = await visibleConversationRow(ctx, p.actor, p.conversationId);
  let assignee: { id: string; name: string } | null = null;
  if (p.operatorId) {
    const row = await findOperator(ctx.db, p.actor.workspaceId, p.operatorId);
    if (!row) throw notFound('Operator');
    if (row.disabled_at !== null) throw badRequest('This operator is disabled');
    assignee = { id: row.id, name: row.name };
  }
  if (current.assignee_id === (assignee?.id ?? null)) return unchanged(ctx, current);
  return recordEvent(ctx, {
    actor: p.actor,
    conversationId: p.conversationId,
    event: { type: 'assigned', operatorId: assignee?.id ?? null, operatorName: assignee?.name ?? null, byName: p.actor.name },
    body: assignee ? `Assigned to ${assignee.name}` : 'Unassigned',
    // Unassigned, a conversation of a team waits in its queue again, in the place it first had.
    patch: assignee
      ? { assignee_id: assignee.id, assigned_at: ctx.now() }
      : { assignee_id: null, assigned_at: null, queued_at: current.queued_at ?? (current.team_id ? ctx.now() : null) },
    previous: { teamId: current.team_id, assigneeId: current.assignee_id },
  });
}
