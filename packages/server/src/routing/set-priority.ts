/** The setPriority command: urgent, high, normal or low, set by hand, with a system line; the queue follows it. */
import type { Priority } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { type EventResult, recordEvent, unchanged } from '../conversation/record-event.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { priorityOf, priorityRank } from './priority.js';

export interface SetPriorityProps {
  actor: Operator;
  conversationId: string;
  priority: Priority;
}

export async function setPriority(ctx: Context, p: SetPriorityProps): Promise<EventResult> {
  authorize(p.actor, 'conversation.set_priority');
  const current = await visibleConversationRow(ctx, p.actor, p.conversationId);
  if (priorityOf(current.priority) === p.priority) return unchanged(ctx, current);
  return recordEvent(ctx, {
    actor: p.actor,
    conversationId: p.conversationId,
    event: { type: 'priority', priority: p.priority, byName: p.actor.name },
    body: `Priority set to ${p.priority} by ${p.actor.name}`,
    patch: { priority: priorityRank(p.priority) },
  });
}
