/**
 * Clean-ups that keep storage small and personal data no longer than needed:
 * expired sessions (refused anyway), uploads never sent with a message, old
 * finished jobs, webhook and bot deliveries past 30 days, the bodies of mails
 * sent or given up a week ago, and mails of no conversation past 30 days. They run as the
 * durable job 'maintenance.sweep', hourly, under one fixed key: however many
 * nodes there are, one sweep is pending or running at a time. Each clean-up
 * is safe to run twice anyway.
 */
import { deleteUnattachedFiles } from './attachment/attachment.service.js';
import type { Context } from './context.js';
import { clearOldMailBodies, deleteOldUnthreadedMails } from './email/email-retention.js';
import { deleteFinishedJobs } from './jobs/job.repository.js';
import type { Jobs } from './jobs/job.js';
import { deleteExpiredSessions } from './operator/session.repository.js';
import { deleteOldDeliveries } from './webhook/webhook-retention.js';

export const SWEEP = 'maintenance.sweep';
const HOUR = 3600_000;
const DAY = 24 * HOUR;
/** Done and cancelled jobs are kept a week (to look at), dead ones a month (to investigate). */
const DONE_JOBS_KEPT_MS = 7 * DAY;
const DEAD_JOBS_KEPT_MS = 30 * DAY;

export interface Swept {
  sessions: number;
  files: number;
  jobs: number;
  webhookDeliveries: number;
  mailBodies: number;
  mails: number;
}

export async function runMaintenance(ctx: Context, now = ctx.now()): Promise<Swept> {
  const sessions = await deleteExpiredSessions(ctx.db, now);
  const files = await deleteUnattachedFiles(ctx, now);
  const jobs = await deleteFinishedJobs(ctx.db, { doneBefore: now - DONE_JOBS_KEPT_MS, deadBefore: now - DEAD_JOBS_KEPT_MS });
  const webhookDeliveries = await deleteOldDeliveries(ctx.db, now);
  const mailBodies = await clearOldMailBodies(ctx.db, now);
  const mails = await deleteOldUnthreadedMails(ctx.db, now);
  return { sessions, files, jobs, webhookDeliveries, mailBodies, mails };
}

export function handleMaintenance(jobs: Jobs): void {
  jobs.handle(SWEEP, async (ctx) => {
    // The next sweep first, on this same job (replacing it while it runs): a sweep that fails comes back in an
    // hour, instead of being retried into 'dead' and never run again.
    await ctx.jobs.schedule({ kind: SWEEP, key: SWEEP, runAt: ctx.now() + HOUR, payload: {}, replace: true });
    const removed = await runMaintenance(ctx);
    ctx.log.info({ removed }, 'maintenance sweep done');
  });
}

/** At start: the first sweep, in an hour, unless one is already pending or running (on any node). */
export async function scheduleMaintenance(ctx: Context): Promise<void> {
  await ctx.jobs.schedule({ kind: SWEEP, key: SWEEP, runAt: ctx.now() + HOUR, payload: {} });
}
