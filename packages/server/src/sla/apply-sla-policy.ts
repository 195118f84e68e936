/**
 * applySlaPolicy: a rule (or an admin's tool) chooses the conversation's SLA
 * policy, which comes before its team's and its inbox's. Running targets are
 * counted again from their start under the new policy (their jobs moved);
 * targets the new policy lacks stop without an outcome; a conversation
 * waiting on its visitor's first message starts its targets then.
 */
import type { Context } from '../context.js';
import { summarize } from '../conversation/conversation.service.js';
import { notFound } from '../errors.js';
import type { SlaTarget } from './sla.js';
import { findSlaPolicy } from './sla.repository.js';
import { listTimers, lockConversation, refreshConversation, scheduleJobs, startTimer, stopTimer, timesOf, workingSchedule } from './timers.js';

export interface ApplySlaPolicyProps {
  conversationId: string;
  policyId: string;
  by: { kind: 'rule' | 'operator'; id: string; name: string };
}

export async function applySlaPolicy(ctx: Context, p: ApplySlaPolicyProps): Promise<void> {
  const row = await ctx.db.transaction().execute(async (trx) => {
    const c = await lockConversation(ctx, trx, p.conversationId);
    if (!c) throw notFound('Conversation');
    const policy = await findSlaPolicy(trx, c.workspace_id, p.policyId);
    if (!policy) throw notFound('SLA policy');
    await trx.updateTable('conversations').set({ sla_policy_id: policy.id }).where('id', '=', c.id).execute();
    const schedule = await workingSchedule(trx, c, policy);
    const timers = await listTimers(trx, c.id);
    for (const t of timers) {
      if (t.stopped_at !== null || t.breached_at !== null) continue;
      const times = timesOf(policy, t.target as SlaTarget, Number(t.started_at), schedule);
      if (!times) {
        await stopTimer(ctx, trx, t, ctx.now(), false);
        continue;
      }
      const moved = { ...t, policy_id: policy.id, due_at: times.due, warn_at: times.warn };
      await trx
        .updateTable('sla_timers')
        .set({ policy_id: policy.id, due_at: times.due, warn_at: times.warn })
        .where('conversation_id', '=', c.id)
        .where('target', '=', t.target)
        .execute();
      await scheduleJobs(ctx, trx, moved);
    }
    // Targets the old policy had none of, for a conversation already under way.
    const has = new Set(timers.map((t) => t.target));
    const started = c.last_message_at !== null && c.status !== 'resolved';
    const from = Number(c.created_at);
    if (started && !has.has('first_response') && c.first_response_at === null)
      await startTimer(ctx, trx, c, { policy, target: 'first_response', cycle: 1, startedAt: from, schedule });
    if (started && !has.has('resolution')) await startTimer(ctx, trx, c, { policy, target: 'resolution', cycle: 1, startedAt: from, schedule });
    ctx.log.info({ conversationId: c.id, policyId: policy.id, by: p.by.name }, 'SLA policy applied');
    return refreshConversation(trx, c);
  });
  if (row) ctx.events.emit({ type: 'conversation.updated', workspaceId: row.workspace_id, visitorId: row.visitor_id, conversation: await summarize(ctx, row) });
}
