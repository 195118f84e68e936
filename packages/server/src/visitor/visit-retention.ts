/**
 * Visits and page views grow with every page a visitor opens: they are kept
 * for 90 days after a visit's last activity, then deleted by the durable job
 * `visits.sweep`, hourly, under one fixed key (one pending or running at a
 * time, however many nodes), a few thousand visits per statement so no
 * transaction grows large. The visitor's number of visits stays on their row.
 */
import type { Context } from '../context.js';
import type { Jobs } from '../jobs/job.js';
import { deleteVisitsBefore } from './visit.repository.js';
import { deleteVisitorEventsBefore } from './visitor-event.repository.js';

export const VISITS_SWEEP = 'visits.sweep';
const HOUR = 3600_000;
export const VISITS_KEPT_MS = 90 * 24 * HOUR;
const BATCH = 2000;
/** One sweep deletes at most this many visits; the next one, an hour later, goes on. */
const MAX_PER_SWEEP = 200_000;

export async function deleteOldVisits(ctx: Context, now = ctx.now()): Promise<{ visits: number; pageViews: number; events: number }> {
  const total = { visits: 0, pageViews: 0, events: 0 };
  // The site's tracked events (Switchboard('track', …)) are kept as long as the visits they happened in.
  while (total.events < MAX_PER_SWEEP) {
    const n = await deleteVisitorEventsBefore(ctx.db, now - VISITS_KEPT_MS, BATCH);
    total.events += n;
    if (n < BATCH) break;
  }
  while (total.visits < MAX_PER_SWEEP) {
    const r = await deleteVisitsBefore(ctx.db, now - VISITS_KEPT_MS, BATCH);
    total.visits += r.visits;
    total.pageViews += r.pageViews;
    if (r.visits < BATCH) break;
  }
  return total;
}

export function handleVisitRetention(jobs: Jobs): void {
  jobs.handle(VISITS_SWEEP, async (ctx) => {
    // The next sweep first, replacing this one while it runs: a sweep that fails comes back in an hour.
    await ctx.jobs.schedule({ kind: VISITS_SWEEP, key: VISITS_SWEEP, runAt: ctx.now() + HOUR, payload: {}, replace: true });
    const removed = await deleteOldVisits(ctx);
    if (removed.visits) ctx.log.info({ removed }, 'old visits deleted');
  });
}

/** At start: the first sweep, in an hour, unless one is already pending or running (on any node). */
export async function scheduleVisitRetention(ctx: Context): Promise<void> {
  await ctx.jobs.schedule({ kind: VISITS_SWEEP, key: VISITS_SWEEP, runAt: ctx.now() + HOUR, payload: {} });
}
