/**
 * When summaries are made: on transfer (the "transferred" system line), on
 * escalation (`conversation.escalated`), on resolve (the "resolved" status
 * line) and on a bot's handover (`conversation.handed_over`). Each schedules
 * a durable job after the change committed, so nothing waits for a summary:
 * not the transfer, not the message's ack. The job stores the summary with
 * its own completion (once, however often it runs). Each summary made goes
 * as a `summary` frame to the conversation's team room and to the consoles
 * that may see the conversation (its team, its assignee, admins).
 */
import type { SummaryReason } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { summaryRooms } from '../realtime/feed.js';
import { room, type Rooms } from '../realtime/rooms.js';
import { makeSummary } from './make-summary.js';

export const SUMMARY_JOB = 'conversation.summary';

interface SummaryJob {
  workspaceId: string;
  conversationId: string;
  reason: SummaryReason;
  createdBy: string | null;
}

export function subscribeSummaries(ctx: Context, rooms: Pick<Rooms, 'publish'>, onError: (err: unknown) => void): void {
  ctx.jobs.handle<SummaryJob>(SUMMARY_JOB, async (_ctx, p, job) => {
    await makeSummary(ctx, {
      ...p,
      id: job.id,
      store: (write) =>
        job.db.transaction().execute(async (trx) => {
          await write(trx);
          await job.complete(trx);
        }),
    });
  });
  const later = (p: SummaryJob) => {
    ctx.jobs
      .schedule({ kind: SUMMARY_JOB, runAt: ctx.now(), payload: p, key: `${SUMMARY_JOB}:${p.conversationId}:${p.reason}`, workspaceId: p.workspaceId })
      .catch((err: unknown) => ctx.log.error({ err }, 'could not schedule a conversation summary'));
  };
  ctx.events.on('message.created', (e) => {
    const m = e.message;
    if (m.kind !== 'event' || !m.event) return;
    const by = m.author.kind === 'operator' || m.author.kind === 'system' ? m.author.id : null;
    if (m.event.type === 'transferred') later({ workspaceId: e.workspaceId, conversationId: m.conversationId, reason: 'transfer', createdBy: by });
    if (m.event.type === 'status' && m.event.status === 'resolved')
      later({ workspaceId: e.workspaceId, conversationId: m.conversationId, reason: 'resolve', createdBy: m.event.by === 'visitor' ? null : by });
  });
  ctx.events.on('conversation.escalated', (e) => {
    later({ workspaceId: e.workspaceId, conversationId: e.conversationId, reason: 'escalation', createdBy: e.by.kind === 'operator' ? e.by.id : null });
  });
  ctx.events.on('conversation.handed_over', (e) => {
    later({ workspaceId: e.workspaceId, conversationId: e.conversationId, reason: 'handover', createdBy: null });
  });
  ctx.events.on('conversation.summarized', async (e) => {
    const c = await findConversation(ctx.db, e.workspaceId, e.summary.conversationId);
    if (!c) return;
    const frame = { type: 'summary' as const, conversationId: c.id, summary: e.summary };
    const names = [room.team(c.id), ...summaryRooms(e.workspaceId, { teamId: c.team_id, assigneeId: c.assignee_id })];
    await Promise.all(names.map((name) => rooms.publish(name, frame).catch(onError)));
  });
}
