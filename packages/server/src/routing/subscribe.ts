/**
 * What sets routing in motion, in one place: domain events (a conversation
 * joins a queue, leaves it, an operator frees capacity, hours open), operator
 * presence (back online; offline past the grace period) and the durable jobs
 * of re-queueing. Routing's own assignments carry no `byName`, so they set
 * nothing else off.
 */
import type { PresenceStatus } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { requeueConversation } from './requeue.js';
import type { Router } from './router.js';

interface AnswerDue {
  workspaceId: string;
  conversationId: string;
  operatorId: string;
  assignedAt: number;
}

export function subscribeRouting(ctx: Context, router: Router): void {
  const fail = (err: unknown) => ctx.log.error({ err }, 'routing failed');
  const drain = (workspaceId: string, teamId: string) => void router.drain(workspaceId, teamId).catch(fail);
  const freed = (workspaceId: string, operatorId: string) => void router.freed(workspaceId, operatorId).catch(fail);

  ctx.events.on('conversation.created', (e) => {
    if (e.conversation.teamId && e.conversation.queuedAt !== null) drain(e.workspaceId, e.conversation.teamId);
  });
  ctx.events.on('message.created', async (e) => {
    const event = e.message.event;
    const c = e.conversation;
    // A conversation started without a `conversation.created` (a file first): its first message puts it in line.
    if (!event && e.message.seq === 1 && c.teamId && c.queuedAt !== null) drain(e.workspaceId, c.teamId);
    if (!event || event.type === 'labels' || event.type === 'rating' || event.type === 'requeued') return;
    if (event.type === 'assigned' && event.operatorId && c.teamId) router.left(c.visitorId, c.id);
    // Transferred, escalated or taken over: the visitor's place in the queue it left, and that queue, change too.
    if (['transferred', 'escalated', 'taken_over'].includes(event.type)) {
      if (c.assigneeId && c.teamId) router.left(c.visitorId, c.id);
      if (e.previous?.teamId && e.previous.teamId !== c.teamId) drain(e.workspaceId, e.previous.teamId);
    }
    if (event.type === 'assigned' && event.byName === null) return;
    if (c.assigneeId && c.status !== 'open') freed(e.workspaceId, c.assigneeId);
    if (!c.teamId) return;
    if (c.assigneeId === null && c.status !== 'open') {
      // Ended or snoozed while waiting: out of the queue for good.
      await ctx.db
        .updateTable('conversations')
        .set({ queued_at: null })
        .where('id', '=', c.id)
        .where('assignee_id', 'is', null)
        .where('status', '!=', 'open')
        .execute();
    }
    drain(e.workspaceId, c.teamId);
  });
  ctx.events.on('conversation.updated', (e) => {
    // Moved to another team: the old queue closes up, the new one may hand it out.
    const before = e.previous?.teamId ?? null;
    const after = e.conversation.teamId;
    if (!e.previous || before === after) return;
    if (before) drain(e.workspaceId, before);
    if (after) drain(e.workspaceId, after);
  });
  ctx.events.on('schedule.opened', (e) => {
    if (e.teamId) drain(e.workspaceId, e.teamId);
    if (e.operatorId) freed(e.workspaceId, e.operatorId);
  });

  ctx.jobs.handle<AnswerDue>('routing.answer_due', async (_ctx, p, job) => {
    const done = await job.db.transaction().execute(async (trx) => {
      const r = await requeueConversation(ctx, trx, { ...p, reason: 'no_answer' });
      await job.complete(trx);
      return r;
    });
    if (!done) return;
    await router.announce(done.conversation, done.message, p.operatorId);
    if (done.conversation.team_id) await router.drain(p.workspaceId, done.conversation.team_id);
  });
  ctx.jobs.handle<{ workspaceId: string; operatorId: string }>('routing.operator_offline', async (_ctx, p) => {
    await router.operatorOffline(p.workspaceId, p.operatorId);
  });
}

/**
 * An operator's status changed (presence calls this on every node). Back
 * online: their teams drain (on the node they connected to). Offline, which
 * presence says only after its grace period: a job takes their conversations
 * back (one job for all nodes: its key).
 */
export function operatorStatusChanged(
  ctx: Context,
  router: Router,
  connectedHere: (id: string) => boolean,
  workspaceId: string,
  operatorId: string,
  status: PresenceStatus,
): void {
  const fail = (err: unknown) => ctx.log.error({ err }, 'routing failed');
  if (status === 'online' && connectedHere(operatorId)) void router.freed(workspaceId, operatorId).catch(fail);
  if (status === 'offline') {
    ctx.jobs
      .schedule({
        kind: 'routing.operator_offline',
        runAt: ctx.now(),
        payload: { workspaceId, operatorId },
        key: `routing.operator_offline:${operatorId}`,
        workspaceId,
      })
      .catch(fail);
  }
}
