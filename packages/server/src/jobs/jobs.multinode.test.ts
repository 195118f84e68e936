/**
 * Two nodes on one PostgreSQL (two apps in this process, each with its own
 * connection pool), both claiming the same 1,000 due jobs at once: each job
 * runs exactly once, and both nodes do part of the work. Both scheduling the
 * maintenance sweep at once make one job.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgSchema, hasPostgres, PG_URL } from '../../../../test/support/services.js';
import { type App, createApp } from '../app.js';
import { ManualClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { scheduleMaintenance, SWEEP } from '../maintenance.js';
import { createMemoryPubSub } from '../pubsub/memory.js';

const JOBS = 1_000;

describe.runIf(hasPostgres)('jobs on two nodes sharing one PostgreSQL', () => {
  const clock = new ManualClock();
  const dir = mkdtempSync(join(tmpdir(), 'sb-jobs-nodes-'));
  let drop: () => Promise<void>;
  let nodes: App[] = [];

  beforeAll(async () => {
    const pg = await createPgSchema();
    drop = pg.drop;
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DATA_DIR: dir,
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: pg.schema,
      JOB_CONCURRENCY: '8',
    });
    // One after the other: both migrate the same schema.
    for (let i = 0; i < 2; i++) nodes.push(await createApp({ config, clock, pubsub: createMemoryPubSub() }));
  });
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.close()));
    nodes = [];
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs each of 1,000 jobs exactly once while both nodes claim them', async () => {
    const [a, b] = nodes as [App, App];
    const runs = new Map<string, number>();
    const byNode = [0, 0];
    for (const [i, node] of [a, b].entries()) {
      node.ctx.jobs.handle<number>('bulk.test', async (_ctx, _n, job) => {
        runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
        byNode[i] = (byNode[i] ?? 0) + 1;
        // A turn of the event loop, so the two nodes' claims and runs interleave.
        await new Promise((r) => setImmediate(r));
      });
    }
    await a.ctx.db.transaction().execute(async (trx) => {
      for (let n = 0; n < JOBS; n++) await a.ctx.jobs.schedule({ kind: 'bulk.test', runAt: clock.now() - (n % 7), payload: n }, trx);
    });

    const [ranOnA, ranOnB] = await Promise.all([a.ctx.jobs.runDue(), b.ctx.jobs.runDue()]);

    expect(ranOnA + ranOnB).toBe(JOBS);
    expect(runs.size).toBe(JOBS);
    expect([...runs.values()].filter((n) => n !== 1)).toEqual([]);
    expect(byNode).toEqual([ranOnA, ranOnB]);
    expect(Math.min(ranOnA, ranOnB)).toBeGreaterThan(0);
    const rows = await a.ctx.db.selectFrom('jobs').select(['status', 'attempts']).where('kind', '=', 'bulk.test').execute();
    expect(rows.length).toBe(JOBS);
    expect(rows.filter((r) => r.status !== 'done' || r.attempts !== 1)).toEqual([]);
  });

  it('keeps one maintenance sweep when both nodes schedule it at once', async () => {
    const [a, b] = nodes as [App, App];
    await Promise.all([a, b, a, b].map((n) => scheduleMaintenance(n.ctx)));
    const sweeps = await a.ctx.db.selectFrom('jobs').select(['status']).where('kind', '=', SWEEP).execute();
    expect(sweeps).toEqual([{ status: 'pending' }]);
  });
});
