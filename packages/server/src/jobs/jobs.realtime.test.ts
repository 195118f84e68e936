/**
 * Jobs run off the realtime path: while every handler slot of the node is
 * taken by a slow job (each one has used the database, then waits), a visitor
 * on another connection sends messages and each is acknowledged at once.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, until, visitorClient } from '../../../../test/support/clients.js';
import { startTestServer, type TestServer } from '../../../../test/support/server.js';
import { ManualClock } from '../clock.js';

describe('jobs and the realtime path', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({ deps: { clock: new ManualClock(Date.now()) }, env: { JOB_CONCURRENCY: '4' } });
  });
  afterAll(async () => {
    await s?.close();
  });

  it('acknowledges a visitor’s messages at once while slow jobs hold every handler slot', async () => {
    const { jobs } = s.app.ctx;
    let release: () => void = () => {};
    const slow = new Promise<void>((r) => (release = r));
    let started = 0;
    jobs.handle('test.slow', async (_ctx, _payload, job) => {
      await job.db.updateTable('jobs').set({ last_error: null }).where('id', '=', job.id).execute();
      started++;
      await slow;
    });
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await jobs.schedule({ kind: 'test.slow', runAt: s.app.ctx.now(), payload: {} })).id);
    const running = jobs.runDue();
    await until(() => started === 4, 5_000, 'the slow jobs to start');

    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');
    const first = await visitor.client.send({ body: 'Hello?' });
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      await visitor.client.send({ conversationId: first.conversationId, body: `message ${i}` });
      waits.push(performance.now() - t);
    }
    // Every ack came while the jobs still ran (they wait for the release below).
    for (const id of ids) expect((await jobs.get(id))?.status).toBe('running');
    expect(Math.max(...waits)).toBeLessThan(500);
    visitor.close();

    release();
    // The four slow jobs, then the content gap check of the visitor's new conversation (article-curation/), scheduled meanwhile.
    expect(await running).toBe(5);
    for (const id of ids) expect((await jobs.get(id))?.status).toBe('done');
  });
});
