/**
 * The warning and the breach of a target, as durable jobs (kinds sla.warning,
 * sla.breach). A run reads the timer as it is now: stopped, or another
 * cycle, or due later than it said (the policy changed), and it does
 * nothing. Its outcome row and the job's completion commit together, and the
 * outcome row is unique per cycle: a run repeated after a crash, or racing
 * on another node, records nothing twice. The events go out after the commit.
 */
import type { Context } from '../context.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import { summarize } from '../conversation/conversation.service.js';
import type { JobContext, Jobs } from '../jobs/job.js';
import { lockConversation, recordOutcome, refreshConversation, type Phase, type TimerJob } from './timers.js';

async function run(ctx: Context, phase: Phase, p: TimerJob, job: JobContext): Promise<void> {
  const done = await job.db.transaction().execute(async (trx) => {
    const c = await lockConversation(ctx, trx, p.conversationId);
    const t = c
      ? await trx.selectFrom('sla_timers').selectAll().where('conversation_id', '=', p.conversationId).where('target', '=', p.target).executeTakeFirst()
      : undefined;
    const now = ctx.now();
    const at = t ? Number(phase === 'warning' ? t.warn_at : t.due_at) : null;
    const live = c && t && t.cycle === p.cycle && t.stopped_at === null && at !== null && at <= now;
    let recorded = false;
    let row: ConversationRow | null = null;
    if (live && phase === 'warning' && t.warned_at === null) {
      await trx.updateTable('sla_timers').set({ warned_at: now }).where('conversation_id', '=', t.conversation_id).where('target', '=', t.target).execute();
      recorded = await recordOutcome(trx, t, 'warning', now);
      // Unchanged columns, but the consoles hear of it now: their near-breach mark does not wait for their own minute.
      row = recorded ? c : null;
    }
    if (live && phase === 'breach' && t.breached_at === null) {
      await trx.updateTable('sla_timers').set({ breached_at: at }).where('conversation_id', '=', t.conversation_id).where('target', '=', t.target).execute();
      recorded = await recordOutcome(trx, t, 'breached', now);
      row = await refreshConversation(trx, c);
    }
    await job.complete(trx);
    return { recorded, row, dueAt: t?.due_at == null ? 0 : Number(t.due_at) };
  });
  if (done.recorded) {
    const type = phase === 'warning' ? 'sla.warning' : 'sla.breached';
    ctx.events.emit({ type, workspaceId: p.workspaceId, conversationId: p.conversationId, target: p.target, dueAt: done.dueAt });
  }
  if (done.row)
    ctx.events.emit({ type: 'conversation.updated', workspaceId: p.workspaceId, visitorId: done.row.visitor_id, conversation: await summarize(ctx, done.row) });
}

export function handleSlaJobs(jobs: Jobs): void {
  jobs.handle<TimerJob>('sla.warning', (ctx, p, job) => run(ctx, 'warning', p, job));
  jobs.handle<TimerJob>('sla.breach', (ctx, p, job) => run(ctx, 'breach', p, job));
}
