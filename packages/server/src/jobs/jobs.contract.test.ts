/**
 * The job module's contract, the same on every storage backend (SQLite always, PostgreSQL when reachable;
 * required in CI). Time is a ManualClock: tests move it and call runDue, or let the polling loop run on it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { type PluginTransformQueryArgs, type PluginTransformResultArgs, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BACKENDS, contextOn } from '../../../../test/support/storage.js';
import { ManualClock } from '../clock.js';
import type { Context } from '../context.js';
import type { DatabaseHandle, Db } from '../db/database.js';
import { claimJobs } from './job.repository.js';
import type { JobContext, Jobs } from './job.js';
import { createJobs } from './jobs.js';

const LEASE = 30_000;
const DAY = 24 * 3600_000;
const fixed = () => 0.5;

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve: () => void = () => {};
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

// The set-based message writer changes nothing for jobs: one SQLite is enough.
describe.each(BACKENDS.filter((b) => b.fastPath || !b.name.startsWith('sqlite')))('jobs on $name', (backend) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let base: Context;
  let clock: ManualClock;
  let logs: string[];
  const runners: Jobs[] = [];

  /** A node: its own runner (and clock, to play a process that froze or died) on the shared database. */
  function node(opts: { clock?: ManualClock; nodeId?: string; concurrency?: number; db?: Db } = {}) {
    const c = opts.clock ?? clock;
    const log = pino({ level: 'info' }, { write: (s: string) => void logs.push(s) });
    const ctx = { ...base, db: opts.db ?? base.db, clock: c, now: () => c.now(), log } as Context;
    const jobs = createJobs(ctx, { nodeId: opts.nodeId ?? 'node-a', concurrency: opts.concurrency ?? 4, leaseMs: LEASE, random: fixed, stopTimeoutMs: 50 });
    ctx.jobs = jobs;
    runners.push(jobs);
    return { ctx, jobs };
  }

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-jobs-'));
    ({ ctx: base } = await contextOn(handle, dir));
    await sql`create table if not exists job_effects (job_id text not null, attempt integer not null)`.execute(handle.db);
  });
  beforeEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await handle.db.deleteFrom('jobs').execute();
    await sql`delete from job_effects`.execute(handle.db);
    clock = new ManualClock();
    logs = [];
  });
  afterAll(async () => {
    await Promise.all(runners.map((r) => r.stop()));
    await base.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Moves the clock on a little at a time until `cond` holds. The manual clock does not wait for database round trips
   * (PostgreSQL's are real I/O), so a poll may end after the clock has passed its next time: it looks again a moment
   * later, on the clock.
   */
  async function tickUntil(cond: () => boolean): Promise<void> {
    for (let i = 0; i < 40 && !cond(); i++) {
      await clock.advance(500);
      await new Promise((r) => setTimeout(r, 5));
    }
    expect(cond()).toBe(true);
  }

  /** The exactly-once effect: a row and the job's completion, in one transaction. */
  const effect = async (job: JobContext) =>
    job.db.transaction().execute(async (trx) => {
      await sql`insert into job_effects (job_id, attempt) values (${job.id}, ${job.attempt})`.execute(trx);
      await job.complete(trx);
    });
  const effects = async () => (await sql<{ job_id: string; attempt: number }>`select job_id, attempt from job_effects`.execute(handle.db)).rows;

  it('runs a job at its time, with its payload, once', async () => {
    const { jobs } = node();
    const seen: unknown[] = [];
    jobs.handle<{ conversationId: string }>('conversation.wake', async (_ctx, payload, job) => void seen.push([payload, job.attempt]));
    const { id, key, created } = await jobs.schedule({
      kind: 'conversation.wake',
      runAt: clock.now() + 60_000,
      payload: { conversationId: 'c1' },
      workspaceId: 'w1',
    });
    expect([key, created]).toEqual([null, true]);
    expect(await jobs.runDue()).toBe(0);
    await clock.advance(59_999);
    expect(await jobs.runDue()).toBe(0);
    await clock.advance(1);
    expect(await jobs.runDue()).toBe(1);
    expect(seen).toEqual([[{ conversationId: 'c1' }, 1]]);
    expect(await jobs.get(id)).toMatchObject({ status: 'done', attempts: 1, workspace_id: 'w1', finished_at: clock.now(), lease_until: null });
    expect(await jobs.runDue()).toBe(0);
    expect(seen.length).toBe(1);
  });

  it('runs due jobs from its polling loop on the clock, including those another node scheduled', async () => {
    let queries = 0;
    const counting = {
      transformQuery: (q: PluginTransformQueryArgs) => {
        queries++;
        return q.node;
      },
      transformResult: async (r: PluginTransformResultArgs) => r.result,
    };
    const a = node({ db: base.db.withPlugin(counting) });
    const b = node({ nodeId: 'node-b' });
    const seen: string[] = [];
    a.jobs.handle<string>('tick', async (_ctx, p) => void seen.push(p));
    a.jobs.start();
    await a.jobs.schedule({ kind: 'tick', runAt: clock.now() + 5_000, payload: 'mine' });
    await b.jobs.schedule({ kind: 'tick', runAt: clock.now() + 5_000, payload: 'theirs' });
    await clock.advance(4_000);
    expect(seen).toEqual([]);
    // Its own when due (it knew), the other node's when told or by a later poll: no runDue, only time moving.
    await tickUntil(() => seen.length === 2);
    expect(seen.sort()).toEqual(['mine', 'theirs']);
    // Idle, it polls less and less often (yet wakes for what it is told of): a day of clock time is a few thousand
    // queries, not one poll a second.
    await b.jobs.schedule({ kind: 'tick', runAt: clock.now() + DAY - 1, payload: 'tomorrow' });
    queries = 0;
    await clock.advance(DAY);
    expect(queries).toBeLessThan(DAY / 10_000);
    await tickUntil(() => seen.length === 3);
    await a.jobs.stop();
    await a.jobs.schedule({ kind: 'tick', runAt: clock.now(), payload: 'after stop' });
    await clock.advance(10_000);
    expect(seen.length).toBe(3);
  });

  it('schedules a key once while it is pending or running, and anew after it is done', async () => {
    const { jobs } = node();
    let runs = 0;
    jobs.handle('email.send', async () => void runs++);
    const first = await jobs.schedule({ kind: 'email.send', key: 'email.send:m1', runAt: clock.now(), payload: { n: 1 } });
    const again = await Promise.all([1, 2, 3].map((n) => jobs.schedule({ kind: 'email.send', key: 'email.send:m1', runAt: clock.now() + n, payload: { n } })));
    expect(first).toMatchObject({ key: 'email.send:m1', created: true });
    for (const s of again) expect(s).toEqual({ id: first.id, key: 'email.send:m1', created: false });
    expect(JSON.parse((await jobs.get('email.send:m1'))?.payload ?? '')).toEqual({ n: 1 });
    // Keys are global: another kind may not take this one's job.
    await expect(jobs.schedule({ kind: 'webhook.deliver', key: 'email.send:m1', runAt: 0, payload: {} })).rejects.toThrow(/taken by a email.send job/);
    expect(await jobs.runDue()).toBe(1);
    expect(runs).toBe(1);
    const next = await jobs.schedule({ kind: 'email.send', key: 'email.send:m1', runAt: clock.now(), payload: { n: 4 } });
    expect(next.created).toBe(true);
    expect(next.id).not.toBe(first.id);
    expect((await jobs.get('email.send:m1'))?.id).toBe(next.id);
    expect((await handle.db.selectFrom('jobs').select('id').where('key', '=', 'email.send:m1').execute()).length).toBe(2);
  });

  it('replaces the time and payload of a pending job, and runs a job replaced while running again, as replaced', async () => {
    const { jobs } = node();
    const seen: string[] = [];
    const gate = deferred();
    const started = deferred();
    jobs.handle<string>('snooze', async (_ctx, p) => {
      seen.push(p);
      if (p === 'b') {
        started.resolve();
        await gate.promise;
      }
    });
    const a = await jobs.schedule({ kind: 'snooze', key: 'snooze:c1', runAt: clock.now() + 10_000, payload: 'a' });
    const b = await jobs.schedule({ kind: 'snooze', key: 'snooze:c1', runAt: clock.now() + 20_000, payload: 'b', replace: true });
    expect(b).toEqual({ id: a.id, key: 'snooze:c1', created: false });
    await clock.advance(10_000);
    expect(await jobs.runDue()).toBe(0);
    await clock.advance(10_000);
    const running = jobs.runDue();
    await started.promise;
    await jobs.schedule({ kind: 'snooze', key: 'snooze:c1', runAt: clock.now() + 5_000, payload: 'c', replace: true });
    gate.resolve();
    expect(await running).toBe(1);
    expect(await jobs.get(a.id)).toMatchObject({ status: 'pending', run_at: clock.now() + 5_000, attempts: 0, revision: 2 });
    await clock.advance(5_000);
    expect(await jobs.runDue()).toBe(1);
    expect(seen).toEqual(['b', 'c']);
    expect(await jobs.get(a.id)).toMatchObject({ status: 'done' });
  });

  it('cancels a pending job by key (or id), never a running or finished one', async () => {
    const { jobs } = node();
    let runs = 0;
    const gate = deferred();
    jobs.handle('message.send_scheduled', async () => {
      runs++;
      await gate.promise;
    });
    const s = await jobs.schedule({ kind: 'message.send_scheduled', key: 'send:m1', runAt: clock.now() + 1_000, payload: {} });
    expect(await jobs.cancel('send:m1')).toBe(true);
    expect(await jobs.cancel('send:m1')).toBe(false);
    await clock.advance(1_000);
    expect(await jobs.runDue()).toBe(0);
    expect(await jobs.get(s.id)).toMatchObject({ status: 'cancelled', finished_at: clock.now() - 1_000 });
    const t = await jobs.schedule({ kind: 'message.send_scheduled', runAt: clock.now(), payload: {} });
    const running = jobs.runDue();
    await until(() => runs === 1);
    expect(await jobs.cancel(t.id)).toBe(false);
    gate.resolve();
    await running;
    expect((await jobs.get(t.id))?.status).toBe('done');
  });

  it('schedules inside the caller’s transaction: rolled back with it', async () => {
    const { jobs } = node();
    jobs.handle('sla.check', async () => {});
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await jobs.schedule({ kind: 'sla.check', key: 'sla:c1', runAt: clock.now(), payload: {} }, trx);
        throw new Error('change refused');
      }),
    ).rejects.toThrow('change refused');
    expect(await jobs.get('sla:c1')).toBeUndefined();
    await handle.db.transaction().execute((trx) => jobs.schedule({ kind: 'sla.check', key: 'sla:c1', runAt: clock.now(), payload: {} }, trx));
    expect(await jobs.runDue()).toBe(1);
  });

  it('retries a failing job with growing backoff, then keeps it dead with its last error, never logging its payload', async () => {
    const { jobs } = node();
    let runs = 0;
    jobs.handle('webhook.deliver', async () => {
      runs++;
      throw new Error(`endpoint answered 503 (try ${runs})`);
    });
    const { id } = await jobs.schedule({ kind: 'webhook.deliver', runAt: clock.now(), payload: { secret: 'whsec_do_not_log' }, maxAttempts: 3 });
    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.get(id)).toMatchObject({ status: 'pending', attempts: 1, run_at: clock.now() + 7_500, last_error: 'endpoint answered 503 (try 1)' });
    await clock.advance(7_499);
    expect(await jobs.runDue()).toBe(0);
    await clock.advance(1);
    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.get(id)).toMatchObject({ status: 'pending', attempts: 2, run_at: clock.now() + 15_000 });
    await clock.advance(15_000);
    expect(await jobs.runDue()).toBe(1);
    expect(await jobs.get(id)).toMatchObject({ status: 'dead', attempts: 3, last_error: 'endpoint answered 503 (try 3)', finished_at: clock.now() });
    await clock.advance(3600_000);
    expect(await jobs.runDue()).toBe(0);
    expect(runs).toBe(3);
    const lines = logs.map((l) => JSON.parse(l) as { msg: string; job?: { kind: string; id: string; attempt: number }; error?: string });
    expect(lines.filter((l) => l.job?.id === id).map((l) => [l.job?.attempt, l.msg])).toEqual([
      [1, 'job failed; it will be retried'],
      [2, 'job failed; it will be retried'],
      [3, 'job failed for the last time: dead'],
    ]);
    expect(lines[2]).toMatchObject({ job: { kind: 'webhook.deliver' }, error: 'endpoint answered 503 (try 3)' });
    expect(logs.join('')).not.toContain('whsec_do_not_log');
  });

  it('keeps the lease of a job whose handler is slow while its node lives, and runs it again once the lease of a dead node runs out', async () => {
    const frozen = new ManualClock(clock.now());
    const a = node({ clock: frozen });
    const b = node({ nodeId: 'node-b' });
    const alive = node({ nodeId: 'node-c' });
    const gates = new Map<string, { promise: Promise<void>; resolve: () => void }>();
    const started = new Set<string>();
    const handler = async (_ctx: Context, _p: unknown, job: JobContext) => {
      started.add(job.id);
      if (job.attempt === 1) await gates.get(job.id)?.promise;
      await effect(job);
    };
    for (const n of [a, b, alive]) n.jobs.handle('conversation.wake', handler);

    // A live node renews its lease: the others do not take its job however long it runs.
    const kept = await alive.jobs.schedule({ kind: 'conversation.wake', runAt: clock.now(), payload: {} });
    gates.set(kept.id, deferred());
    const slow = alive.jobs.runDue();
    await until(() => started.has(kept.id));
    for (let i = 0; i < 9; i++) {
      await clock.advance(LEASE / 3);
      // Each renewal is a query the manual clock does not wait for: let it land before moving on.
      await until(async () => ((await b.jobs.get(kept.id))?.lease_until ?? 0) > clock.now() + LEASE / 2);
      expect(await b.jobs.runDue()).toBe(0);
    }
    gates.get(kept.id)?.resolve();
    await slow;
    expect(await b.jobs.get(kept.id)).toMatchObject({ status: 'done', attempts: 1, locked_by: 'node-c' });

    // Node A claims a job and freezes (its clock never moves: no renewal, as if the process had died).
    frozen.set(clock.now());
    const { id } = await a.jobs.schedule({ kind: 'conversation.wake', runAt: clock.now(), payload: {} });
    gates.set(id, deferred());
    const held = a.jobs.runDue();
    await until(() => started.has(id));
    await clock.advance(LEASE - 1);
    expect(await b.jobs.runDue()).toBe(0);
    await clock.advance(1);
    expect(await b.jobs.runDue()).toBe(1);
    expect(await b.jobs.get(id)).toMatchObject({ status: 'done', attempts: 2, locked_by: 'node-b' });
    // A's run comes back late: its effect rolls back (its lease is gone) and the job stays as B left it.
    gates.get(id)?.resolve();
    await held;
    expect((await effects()).filter((e) => e.job_id === id)).toEqual([{ job_id: id, attempt: 2 }]);
    expect(await b.jobs.get(id)).toMatchObject({ status: 'done', attempts: 2, locked_by: 'node-b' });
    expect(logs.some((l) => l.includes('lost its lease'))).toBe(true);
  });

  it('does not let a stalled run finish a job its own node has claimed again since', async () => {
    const stalled = node({ clock: new ManualClock(clock.now()), nodeId: 'same' });
    const later = node({ nodeId: 'same' });
    const gates = [deferred(), deferred()];
    const started: number[] = [];
    const handler = async (_ctx: Context, _p: unknown, job: JobContext) => {
      started.push(job.attempt);
      await gates[job.attempt - 1]?.promise;
      await effect(job);
    };
    stalled.jobs.handle('conversation.wake', handler);
    later.jobs.handle('conversation.wake', handler);
    const { id } = await later.jobs.schedule({ kind: 'conversation.wake', runAt: clock.now(), payload: {} });
    const first = stalled.jobs.runDue();
    await until(() => started.length === 1);
    await clock.advance(LEASE);
    const second = later.jobs.runDue();
    await until(() => started.length === 2);
    // The stalled run ends first, while the new one still runs: same node, older claim, so it may not finish the job.
    gates[0]?.resolve();
    await first;
    expect(await later.jobs.get(id)).toMatchObject({ status: 'running', attempts: 2 });
    gates[1]?.resolve();
    expect(await second).toBe(1);
    expect((await effects()).filter((e) => e.job_id === id)).toEqual([{ job_id: id, attempt: 2 }]);
    expect(await later.jobs.get(id)).toMatchObject({ status: 'done', attempts: 2 });
  });

  it('declares dead a job whose last allowed run never ended', async () => {
    const frozen = new ManualClock(clock.now());
    const a = node({ clock: frozen });
    const b = node({ nodeId: 'node-b' });
    let runs = 0;
    a.jobs.handle('email.send', () => new Promise(() => void runs++));
    b.jobs.handle('email.send', async () => void runs++);
    const { id } = await a.jobs.schedule({ kind: 'email.send', runAt: clock.now(), payload: {}, maxAttempts: 1 });
    void a.jobs.runDue();
    await until(() => runs === 1);
    await clock.advance(LEASE);
    expect(await b.jobs.runDue()).toBe(1);
    expect(runs).toBe(1);
    expect(await b.jobs.get(id)).toMatchObject({ status: 'dead', attempts: 2, last_error: expect.stringMatching(/never finished/) });
  });

  it('claims in run_at order, a batch at a time, a lapsed lease in its place', async () => {
    const { jobs } = node({ concurrency: 1 });
    const order: number[] = [];
    jobs.handle<number>('ordered', async (_ctx, n) => void order.push(n));
    const now = clock.now();
    for (const n of [5, 2, 4, 1, 3]) await jobs.schedule({ kind: 'ordered', runAt: now - 10_000 + n * 1_000, payload: n });
    await jobs.schedule({ kind: 'ordered', runAt: now + 1, payload: 6 });
    // One whose lease lapsed, due before them all.
    const lapsed = await jobs.schedule({ kind: 'ordered', runAt: now - 20_000, payload: 0 });
    await handle.db
      .updateTable('jobs')
      .set({ status: 'running', attempts: 1, locked_by: 'gone', lease_until: now - 1 })
      .where('id', '=', lapsed.id)
      .execute();
    const batch = await claimJobs(handle.db, { dialect: handle.kind, nodeId: 'peek', kinds: ['ordered'], now, leaseUntil: now + LEASE, limit: 3 });
    expect(batch.map((r) => JSON.parse(r.payload))).toEqual([0, 1, 2]);
    await handle.db
      .updateTable('jobs')
      .set({ lease_until: now - 1 })
      .where('locked_by', '=', 'peek')
      .execute();
    expect(await jobs.runDue()).toBe(6);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('keeps running the other jobs when a handler throws, even synchronously, a non-error, or on a payload it cannot read', async () => {
    const { jobs } = node();
    const ok: string[] = [];
    jobs.handle('throws', async () => {
      throw new Error('boom');
    });
    jobs.handle('throws.sync', (() => {
      throw 'a string';
    }) as unknown as () => Promise<void>);
    jobs.handle<string>('fine', async (_ctx, p) => void ok.push(p));
    await jobs.schedule({ kind: 'throws', runAt: clock.now(), payload: {} });
    await jobs.schedule({ kind: 'fine', runAt: clock.now(), payload: 'one' });
    await jobs.schedule({ kind: 'throws.sync', runAt: clock.now(), payload: {} });
    await jobs.schedule({ kind: 'fine', runAt: clock.now(), payload: 'two' });
    const bad = await jobs.schedule({ kind: 'fine', runAt: clock.now(), payload: 'unreadable' });
    await handle.db.updateTable('jobs').set({ payload: '{' }).where('id', '=', bad.id).execute();
    expect(await jobs.runDue()).toBe(5);
    expect(ok.sort()).toEqual(['one', 'two']);
    const rows = await handle.db.selectFrom('jobs').select(['kind', 'status', 'last_error']).where('status', '=', 'pending').orderBy('kind').execute();
    expect(rows).toEqual([
      { kind: 'fine', status: 'pending', last_error: expect.stringMatching(/^SyntaxError: /) },
      { kind: 'throws', status: 'pending', last_error: 'boom' },
      { kind: 'throws.sync', status: 'pending', last_error: 'a string' },
    ]);
  });
});

async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 2));
  }
}
