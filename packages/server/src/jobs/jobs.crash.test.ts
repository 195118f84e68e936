/**
 * Switchboard runs as a child process on SQLite, with the test-only job kinds
 * (SWITCHBOARD_TEST_JOBS=1) and one handler slot. One job is mid-run (it hangs
 * on its first attempt), another is due and waits for the slot; the process is
 * killed (SIGKILL) and started again. Once the dead process's lease has run
 * out (2 s here), each job has run to its end once: one effect row each, though
 * the hung job started twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../../../../test/support/process.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import type { Context } from '../context.js';
import { migrate, openDatabase } from '../db/database.js';
import { createMemoryPubSub } from '../pubsub/memory.js';
import { createJobs } from './jobs.js';
import { createTestJobTables } from './test-jobs.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-jobs-crash-'));
const file = join(dir, 'switchboard.db');
const env = {
  DATA_DIR: dir,
  SWITCHBOARD_ADMIN_PASSWORD: 'crash-test-password',
  SWITCHBOARD_TEST_JOBS: '1',
  JOB_CONCURRENCY: '1',
  JOB_LEASE_SECONDS: '2',
};
let server: ServerProcess | undefined;
afterAll(async () => {
  await server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Schedules from this process, as another node would: straight into the database the server uses. */
async function scheduleJobs(): Promise<{ hung: string; due: string }> {
  const handle = await openDatabase({ kind: 'sqlite', file });
  await migrate(handle.db, handle.sqlite);
  await createTestJobTables(handle.db);
  const ctx = {
    config: loadConfig({ NODE_ENV: 'test' }),
    db: handle.db,
    dbKind: 'sqlite',
    clock: systemClock,
    now: Date.now,
    log: pino({ level: 'silent' }),
    pubsub: createMemoryPubSub(),
  } as Context;
  const jobs = createJobs(ctx);
  const now = Date.now();
  // The hung one first in run_at order, so it takes the only slot and the other waits, due.
  const hung = await jobs.schedule({ kind: 'test.hang', runAt: now - 1_000, payload: { hangOnAttempt: 1 } });
  const due = await jobs.schedule({ kind: 'test.effect', runAt: now, payload: {} });
  await handle.close();
  return { hung: hung.id, due: due.id };
}

function reader() {
  const db = new SQLite(file);
  db.pragma('busy_timeout = 5000');
  return {
    runs: (id: string) =>
      db
        .prepare<[string], { attempt: number }>('select attempt from test_job_runs where job_id = ? order by attempt')
        .all(id)
        .map((r) => r.attempt),
    effects: (id: string) =>
      db
        .prepare<[string], { attempt: number }>('select attempt from test_job_effects where job_id = ? order by attempt')
        .all(id)
        .map((r) => r.attempt),
    job: (id: string) => db.prepare<[string], { status: string; attempts: number }>('select status, attempts from jobs where id = ?').get(id),
    close: () => db.close(),
  };
}

async function until(cond: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${server?.output() ?? ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('jobs across a crash', () => {
  it('runs a due job and a job killed mid-run to their end exactly once after SIGKILL and restart', async () => {
    const { hung, due } = await scheduleJobs();
    const db = reader();
    try {
      server = await spawnServer(env);
      await until(() => db.runs(hung).length === 1, 'the first run of the hanging job');
      // Mid-run and due: the hung job holds the slot, the other has not started.
      expect(db.job(hung)).toEqual({ status: 'running', attempts: 1 });
      expect(db.job(due)).toEqual({ status: 'pending', attempts: 0 });
      expect(db.runs(due)).toEqual([]);

      await server.kill('SIGKILL');
      server = await spawnServer(env);
      await until(() => db.job(hung)?.status === 'done' && db.job(due)?.status === 'done', 'both jobs to be done');

      // Started twice (the dead process's run counts as an attempt), ended once; the due one ran once.
      expect(db.runs(hung)).toEqual([1, 2]);
      expect(db.effects(hung)).toEqual([2]);
      expect(db.runs(due)).toEqual([1]);
      expect(db.effects(due)).toEqual([1]);
      expect(db.job(hung)).toEqual({ status: 'done', attempts: 2 });
      expect(db.job(due)).toEqual({ status: 'done', attempts: 1 });
    } finally {
      db.close();
    }
  });
});
