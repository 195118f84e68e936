/**
 * Messages move the SLA timers (sla-sync.ts), after their commit and off the
 * send and ack path; the timers' jobs are handled here too. One
 * conversation's messages are applied one after the other on this node (and
 * its row is locked across nodes on PostgreSQL). A workspace without SLA
 * policies costs one indexed read per message.
 */
import type { Context } from '../context.js';
import { summarize } from '../conversation/conversation.service.js';
import { handleSlaJobs } from './sla-jobs.js';
import { syncOnMessage } from './sla-sync.js';

export function subscribeSla(ctx: Context): void {
  handleSlaJobs(ctx.jobs);
  const chains = new Map<string, Promise<void>>();
  const fail = (err: unknown) => ctx.log.error({ err }, 'SLA timers failed');

  ctx.events.on('message.created', (e) => {
    const m = e.message;
    const moves = (!m.event && (m.author.kind === 'visitor' || m.author.kind === 'operator')) || m.event?.type === 'status';
    if (!moves) return;
    const id = e.conversation.id;
    const work = async () => {
      const any = await ctx.db.selectFrom('sla_policies').select('id').where('workspace_id', '=', e.workspaceId).limit(1).executeTakeFirst();
      if (!any && !e.conversation.slaDueAt && !e.conversation.slaBreachedAt) return;
      const row = await syncOnMessage(ctx, id, m);
      if (row)
        ctx.events.emit({ type: 'conversation.updated', workspaceId: e.workspaceId, visitorId: row.visitor_id, conversation: await summarize(ctx, row) });
    };
    const next = (chains.get(id) ?? Promise.resolve()).then(work).catch(fail);
    chains.set(id, next);
    void next.finally(() => {
      if (chains.get(id) === next) chains.delete(id);
    });
  });
}
