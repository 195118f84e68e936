/**
 * A snooze's time comes: the durable job `conversation.wake`, scheduled by
 * snoozeConversation under one key per conversation (snoozing again moves it).
 * It wakes the conversation only if it is still snoozed until that time: a
 * visitor's message, Wake up, another status or a new snooze time make the
 * job a no-op. The wake line and the job's completion commit together, so a
 * run repeated after a crash never wakes it twice.
 */
import type { Context } from '../context.js';
import type { Jobs } from '../jobs/job.js';
import { appendMessage, presentMessage } from '../message/message.repository.js';
import { lockConversations } from '../message/message.sql.js';
import { summarize } from './conversation.service.js';

export const WAKE = 'conversation.wake';
export const wakeKey = (conversationId: string) => `${WAKE}:${conversationId}`;

export interface WakePayload {
  conversationId: string;
  /** The snooze time this job is for. */
  until: number;
}

export function handleWake(jobs: Jobs): void {
  jobs.handle<WakePayload>(WAKE, async (ctx, payload, job) => {
    const stored = await job.db.transaction().execute(async (trx) => {
      const [row] = await lockConversations(trx, ctx.dbKind, [payload.conversationId]);
      const due = row && row.status === 'snoozed' && Number(row.snoozed_until) === payload.until;
      const woken = due
        ? await appendMessage(
            trx,
            ctx.dbKind,
            row.workspace_id,
            row.id,
            {
              clientId: null,
              author: { kind: 'system', id: null, name: null },
              kind: 'event',
              body: 'Woken up: the snooze time came',
              attachments: [],
              event: { type: 'status', status: 'open', byName: null },
              createdAt: ctx.now(),
            },
            { status: 'open', snoozed_until: null },
          )
        : undefined;
      await job.complete(trx);
      return woken;
    });
    if (stored) announce(ctx, stored.conversation.workspace_id, stored);
  });
}

function announce(ctx: Context, workspaceId: string, stored: NonNullable<Awaited<ReturnType<typeof appendMessage>>>): void {
  void summarize(ctx, stored.conversation).then(
    (conversation) =>
      ctx.events.emit({
        type: 'message.created',
        workspaceId,
        visitorId: stored.conversation.visitor_id,
        message: presentMessage(stored.row),
        conversation,
      }),
    (err) => ctx.log.error({ err }, 'announcing a woken conversation failed'),
  );
}
