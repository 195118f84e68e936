/**
 * The durable job `message.send_scheduled`: a scheduled message's time came.
 * It moves the row to `sending` (from then on it can no longer be cancelled),
 * sends the message through the one write path under the client id
 * `scheduled-<id>`, and marks it sent in the transaction that completes the
 * job. A run that dies anywhere in between runs again and sends under the same
 * client id, which stores the message once: it goes out exactly once. A
 * refusal that trying again cannot change (the conversation is gone, the
 * author was disabled) marks it failed, with the reason, for the team to see.
 */
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import type { JobContext, Jobs } from '../jobs/job.js';
import { sendMessage } from '../message/message.service.js';
import { findOperator } from '../operator/operator.repository.js';
import type { SendScheduledPayload } from './schedule-message.js';
import { clientIdOf, presentScheduled, SEND_SCHEDULED } from './scheduled.js';
import { transition } from './scheduled.repository.js';
import type { ScheduledMessageRow } from './scheduled.table.js';

const MAX_ATTEMPTS = 8;

export function handleSendScheduled(jobs: Jobs): void {
  jobs.handle<SendScheduledPayload>(SEND_SCHEDULED, async (ctx, payload, job) => {
    const row = await start(ctx, payload.scheduledId);
    if (!row) {
      // Cancelled (or finished) meanwhile: nothing to send.
      await job.db.transaction().execute((trx) => job.complete(trx));
      return;
    }
    try {
      const author = await findOperator(job.db, row.workspace_id, row.author_id);
      if (!author || author.disabled_at !== null) throw new AppError('forbidden', 'Not sent: its author’s account is disabled');
      const sent = await sendMessage(ctx, {
        workspaceId: row.workspace_id,
        conversationId: row.conversation_id,
        author: { kind: 'operator', id: row.author_id, name: row.author_name },
        clientId: clientIdOf(row.id),
        body: row.body,
      });
      await finish(ctx, job, row, { status: 'sent', message_seq: sent.message.seq, error: null });
    } catch (err) {
      const permanent = err instanceof AppError && err.status < 500 && err.code !== 'rate_limited';
      if (!permanent && job.attempt < MAX_ATTEMPTS) throw err;
      const reason = err instanceof AppError ? err.message : 'It could not be sent';
      await finish(ctx, job, row, { status: 'failed', message_seq: null, error: reason });
    }
  });
}

/** scheduled → sending (announced); a row already sending is a run that died: it carries on. */
async function start(ctx: Context, id: string): Promise<ScheduledMessageRow | undefined> {
  const moved = await transition(ctx.db, id, ['scheduled'], { status: 'sending', updated_at: ctx.now() });
  if (moved) {
    ctx.events.emit({ type: 'scheduled.changed', workspaceId: moved.workspace_id, scheduled: presentScheduled(moved) });
    return moved;
  }
  const row = await ctx.db.selectFrom('scheduled_messages').selectAll().where('id', '=', id).executeTakeFirst();
  return row?.status === 'sending' ? row : undefined;
}

async function finish(
  ctx: Context,
  job: JobContext,
  row: ScheduledMessageRow,
  outcome: { status: 'sent' | 'failed'; message_seq: number | null; error: string | null },
): Promise<void> {
  const done = await job.db.transaction().execute(async (trx) => {
    const next = await transition(trx, row.id, ['sending'], { ...outcome, updated_at: ctx.now() });
    await job.complete(trx);
    return next;
  });
  if (done) ctx.events.emit({ type: 'scheduled.changed', workspaceId: done.workspace_id, scheduled: presentScheduled(done) });
}
