/**
 * The takeConversation command: an operator takes a waiting conversation from
 * the queue by hand, within their capacity (supervisors, admins and owners
 * may go beyond it). Locks like assignNext: the conversation's row, then the
 * operator's, then counts; a conversation routing or someone else got first
 * is refused with a conflict.
 */
import type { Context } from '../context.js';
import { summarize } from '../conversation/conversation.service.js';
import type { EventResult } from '../conversation/record-event.js';
import { conflict, notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { authorize, can } from '../policy/policy.js';
import { ensureVisible, viewerOf } from '../policy/visibility.js';
import { giveTo } from './assign-next.js';
import { lockOperator, openLoads } from './queue.repository.js';
import { toTeamRouting } from './team-routing.js';

export interface TakeConversationProps {
  actor: Operator;
  conversationId: string;
}

export async function takeConversation(ctx: Context, p: TakeConversationProps): Promise<EventResult> {
  authorize(p.actor, 'queue.take');
  const ws = p.actor.workspaceId;
  const viewer = await viewerOf(ctx, p.actor);
  const taken = await ctx.db.transaction().execute(async (trx) => {
    const q = trx.selectFrom('conversations').selectAll().where('workspace_id', '=', ws).where('id', '=', p.conversationId);
    const row = await (ctx.dbKind === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
    if (!row) throw notFound('Conversation');
    ensureVisible(viewer, row);
    if (row.assignee_id !== null || row.status !== 'open' || row.queued_at === null || !row.team_id)
      throw conflict('This conversation is not waiting in the queue any more');
    const team = await trx
      .selectFrom('teams')
      .select(['id', 'assignment_mode', 'default_capacity', 'answer_seconds'])
      .where('id', '=', row.team_id)
      .executeTakeFirst();
    if (!team) throw notFound('Team');
    const routing = toTeamRouting(team);
    await lockOperator(trx, ctx.dbKind, p.actor.id);
    if (!can(p.actor.role, 'queue.take_beyond_capacity')) {
      const own = await trx.selectFrom('operators').select('capacity').where('id', '=', p.actor.id).executeTakeFirst();
      const capacity = own?.capacity ?? routing.defaultCapacity;
      const load = (await openLoads(trx, ws, [p.actor.id])).get(p.actor.id) ?? 0;
      if (load >= capacity) throw conflict(`You have ${load} open conversations, your capacity: resolve one first`);
    }
    return giveTo(ctx, trx, routing, row, p.actor, ctx.now(), p.actor.name);
  });
  const conversation = await summarize(ctx, taken.conversation);
  ctx.events.emit({ type: 'message.created', workspaceId: ws, visitorId: taken.conversation.visitor_id, message: taken.message, conversation });
  return { conversation, message: taken.message };
}
