/**
 * Test-only job kinds, registered when SWITCHBOARD_TEST_JOBS=1 (refused in
 * production): they let a test that runs Switchboard as a child process see
 * each run and each effect in the database, to count them after a crash.
 *
 * - 'test.effect': records the run, then inserts one effect row and completes
 *   the job in the same transaction (the exactly-once pattern of README.md).
 * - 'test.hang': the same, except that on attempt `hangOnAttempt` of its
 *   payload it records the run and then never finishes (until the process dies).
 *
 * Neither table has a unique key: a job run twice would show twice.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { JobContext, Jobs } from './job.js';

let ready: Promise<void> | null = null;

export async function createTestJobTables(db: Db): Promise<void> {
  await sql`create table if not exists test_job_runs (job_id text not null, kind text not null, attempt integer not null)`.execute(db);
  await sql`create table if not exists test_job_effects (job_id text not null, kind text not null, attempt integer not null)`.execute(db);
}

async function record(job: JobContext): Promise<void> {
  ready ??= createTestJobTables(job.db);
  await ready;
  await sql`insert into test_job_runs (job_id, kind, attempt) values (${job.id}, ${job.job.kind}, ${job.attempt})`.execute(job.db);
}

async function effect(job: JobContext): Promise<void> {
  await job.db.transaction().execute(async (trx) => {
    await sql`insert into test_job_effects (job_id, kind, attempt) values (${job.id}, ${job.job.kind}, ${job.attempt})`.execute(trx);
    await job.complete(trx);
  });
}

export function registerTestJobs(jobs: Jobs): void {
  jobs.handle('test.effect', async (_ctx, _payload, job) => {
    await record(job);
    await effect(job);
  });
  jobs.handle<{ hangOnAttempt?: number }>('test.hang', async (_ctx, payload, job) => {
    await record(job);
    if (job.attempt === payload.hangOnAttempt) await new Promise<never>(() => {});
    await effect(job);
  });
}
