/**
 * The hourly clean-ups are one recurring durable job: scheduled once however
 * many nodes start, run when its hour comes, rescheduling itself on the same
 * job, and deleting what has expired (sessions, old finished jobs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from './clock.js';
import { scheduleMaintenance, SWEEP } from './maintenance.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('the maintenance sweep', () => {
  const clock = new ManualClock(Date.now());
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ deps: { clock } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('is one job, run hourly, that reschedules itself and deletes what expired', async () => {
    const { ctx } = s.app;
    const first = await ctx.jobs.get(SWEEP);
    expect(first).toMatchObject({ kind: SWEEP, status: 'pending', run_at: clock.now() + HOUR });
    // Other nodes starting (or this one again) find it and leave it as it is.
    await Promise.all([scheduleMaintenance(ctx), scheduleMaintenance(ctx)]);
    expect(await ctx.db.selectFrom('jobs').select(['id', 'run_at']).where('kind', '=', SWEEP).execute()).toEqual([{ id: first?.id, run_at: first?.run_at }]);

    const operator = await ctx.db.selectFrom('operators').select(['id', 'workspace_id']).executeTakeFirstOrThrow();
    const session = { operator_id: operator.id, workspace_id: operator.workspace_id, created_at: clock.now() - DAY, last_seen_at: clock.now() - DAY };
    await ctx.db
      .insertInto('sessions')
      .values([
        { ...session, id: 'expired-session', expires_at: clock.now() + HOUR / 2 },
        { ...session, id: 'live-session', expires_at: clock.now() + DAY },
      ])
      .execute();
    ctx.jobs.handle('test.noop', async () => {});
    const old = await ctx.jobs.schedule({ kind: 'test.noop', runAt: clock.now() - 8 * DAY, payload: {} });
    const recent = await ctx.jobs.schedule({ kind: 'test.noop', runAt: clock.now() - DAY, payload: {} });
    await ctx.jobs.runDue();
    await ctx.db
      .updateTable('jobs')
      .set({ finished_at: clock.now() - 8 * DAY })
      .where('id', '=', old.id)
      .execute();

    // The app is up, so its polling loop runs the sweep when the clock reaches it.
    await clock.advance(HOUR - 1);
    expect(await ctx.jobs.get(SWEEP)).toMatchObject({ status: 'pending', run_at: first?.run_at });
    await clock.advance(1);
    await sweptAt(clock.now());
    expect(await ctx.jobs.get(SWEEP)).toMatchObject({ id: first?.id, status: 'pending', run_at: clock.now() + HOUR, attempts: 0, revision: 1 });
    const sessions = await ctx.db.selectFrom('sessions').select('id').where('id', 'in', ['expired-session', 'live-session']).execute();
    expect(sessions.map((r) => r.id)).toEqual(['live-session']);
    expect(await ctx.jobs.get(old.id)).toBeUndefined();
    expect(await ctx.jobs.get(recent.id)).toMatchObject({ status: 'done' });

    await clock.advance(HOUR);
    await sweptAt(clock.now());
    expect(await ctx.jobs.get(SWEEP)).toMatchObject({ id: first?.id, status: 'pending', run_at: clock.now() + HOUR, revision: 2 });
  });

  /** The sweep's handler is a few queries the manual clock does not wait for. */
  async function sweptAt(now: number): Promise<void> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const job = await s.app.ctx.jobs.get(SWEEP);
      if (job?.status === 'pending' && job.run_at === now + HOUR) return;
      if (Date.now() > deadline) throw new Error(`the sweep did not run: ${JSON.stringify(job)}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }
});
