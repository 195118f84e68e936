/** SQL of the jobs table. Each function takes the db (or an open transaction) first. */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { ACTIVE, type JobRow, type JobStatus, type Scheduled } from './job.js';

// Literal, not bound: SQLite matches an upsert's conflict target to the partial index by its text.
const ACTIVE_SQL = sql<boolean>`status in ('pending', 'running')`;

/**
 * Inserts `row`, or, when its key names a pending or running job, finds that job (and with `replace` gives it
 * this row's run_at and payload). One statement does the decision, so two nodes scheduling the same key at once
 * end with one job.
 */
export async function insertJob(db: Db, row: JobRow, replace: boolean): Promise<Scheduled> {
  const key = row.key;
  if (key === null) {
    await db.insertInto('jobs').values(row).execute();
    return { id: row.id, key: null, created: true };
  }
  // A job under the key may finish between the two statements below: then the insert is tried again.
  for (let i = 0; i < 5; i++) {
    const found = await db
      .insertInto('jobs')
      .values(row)
      .onConflict((oc) => {
        const target = oc.column('key').where(ACTIVE_SQL);
        if (!replace) return target.doNothing();
        return target
          .doUpdateSet((eb) => ({
            run_at: eb.ref('excluded.run_at'),
            payload: eb.ref('excluded.payload'),
            max_attempts: eb.ref('excluded.max_attempts'),
            workspace_id: eb.ref('excluded.workspace_id'),
            revision: eb(eb.ref('jobs.revision'), '+', 1),
            // A pending job starts its tries over; a running one keeps its count until its run ends (the
            // run's guard on it), and then goes back to pending for the new revision with a fresh count.
            attempts: sql<number>`case when jobs.status = 'pending' then 0 else jobs.attempts end`,
            last_error: sql<string | null>`case when jobs.status = 'pending' then null else jobs.last_error end`,
            updated_at: eb.ref('excluded.updated_at'),
          }))
          .where('jobs.kind', '=', row.kind);
      })
      .returning(['id', 'kind'])
      .executeTakeFirst();
    const existing = found ?? (await db.selectFrom('jobs').select(['id', 'kind']).where('key', '=', key).where('status', 'in', ACTIVE).executeTakeFirst());
    if (!existing) continue;
    // Keys are global: a feature that reuses another kind's key would otherwise silently get its job.
    if (existing.kind !== row.kind) throw new Error(`job key ${key} is taken by a ${existing.kind} job, not ${row.kind}`);
    return { id: existing.id, key, created: existing.id === row.id };
  }
  throw new Error(`could not schedule job key ${key}: it kept changing`);
}

export async function cancelJob(db: Db, keyOrId: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('jobs')
    .set({ status: 'cancelled', finished_at: now, updated_at: now, lease_until: null })
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('key', '=', keyOrId), eb('id', '=', keyOrId)]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function findJob(db: Db, keyOrId: string): Promise<JobRow | undefined> {
  const byId = await db.selectFrom('jobs').selectAll().where('id', '=', keyOrId).executeTakeFirst();
  if (byId) return byId;
  return db
    .selectFrom('jobs')
    .selectAll()
    .where('key', '=', keyOrId)
    .orderBy(sql`case when ${ACTIVE_SQL} then 0 else 1 end`)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface ClaimProps {
  dialect: 'sqlite' | 'postgres';
  nodeId: string;
  kinds: string[];
  now: number;
  leaseUntil: number;
  limit: number;
}

/**
 * Claims up to `limit` due jobs of `kinds` in one statement: pending ones whose run_at has come, and running ones
 * whose lease ran out (their process died). Each claim counts an attempt. Each branch walks its partial index and
 * stops at the limit, so a claim costs the same with a large backlog (on SQLite it runs synchronously). PostgreSQL
 * skips rows another node is claiming at that moment; SQLite has one writer, so the statement is the whole claim.
 * Rows come back in run_at order.
 */
export async function claimJobs(db: Db, p: ClaimProps): Promise<JobRow[]> {
  if (p.kinds.length === 0 || p.limit <= 0) return [];
  const kinds = sql.join(p.kinds);
  // Rows a branch locks beyond the limit are left as they are, unlocked at commit.
  const lock = p.dialect === 'postgres' ? sql`for update skip locked` : sql``;
  const query = sql<JobRow>`
    with due as (
      select id, run_at from jobs where status = 'pending' and run_at <= ${p.now} and kind in (${kinds}) order by run_at, id limit ${p.limit} ${lock}
    ), lapsed as (
      select id, run_at from jobs where status = 'running' and lease_until <= ${p.now} and kind in (${kinds}) order by run_at, id limit ${p.limit} ${lock}
    ), chosen as (
      select id from (select id, run_at from due union all select id, run_at from lapsed) as candidates order by run_at, id limit ${p.limit}
    )
    update jobs
    set status = 'running', locked_by = ${p.nodeId}, lease_until = ${p.leaseUntil}, attempts = attempts + 1, updated_at = ${p.now}
    where id in (select id from chosen)
    returning *`;
  const { rows } = await query.execute(db);
  return rows.sort((a, b) => a.run_at - b.run_at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** When the loop should look next: the next pending job of `kinds` is due, or a running one's lease ends (null: neither). */
export async function nextDueAt(db: Db, kinds: string[]): Promise<number | null> {
  if (kinds.length === 0) return null;
  // The statuses are literal so that SQLite uses the partial indexes (it cannot see through a bound value).
  const { rows } = await sql<{ pending: number | null; lease: number | null }>`
    select
      (select run_at from jobs where status = 'pending' and kind in (${sql.join(kinds)}) order by run_at, id limit 1) as pending,
      (select lease_until from jobs where status = 'running' and kind in (${sql.join(kinds)}) order by lease_until limit 1) as lease`.execute(db);
  const times = [rows[0]?.pending, rows[0]?.lease].filter((t) => t !== null && t !== undefined).map(Number);
  return times.length > 0 ? Math.min(...times) : null;
}

/** Extends the leases this node still holds; returns them (a job missing from the answer was lost). */
export async function renewLeases(db: Db, nodeId: string, ids: string[], leaseUntil: number, now: number): Promise<{ id: string; attempts: number }[]> {
  if (ids.length === 0) return [];
  return db
    .updateTable('jobs')
    .set({ lease_until: leaseUntil, updated_at: now })
    .where('status', '=', 'running')
    .where('locked_by', '=', nodeId)
    .where('id', 'in', ids)
    .returning(['id', 'attempts'])
    .execute();
}

/** One run of a job, as claimed: what proves, at its end, that it still holds the job. */
export interface Claim {
  id: string;
  nodeId: string;
  attempt: number;
  revision: number;
}

export type Outcome = { status: 'done' } | { status: 'pending'; runAt: number; error: string } | { status: 'dead'; error: string };

/**
 * Ends a run: 'ok' when the outcome was recorded; 'replaced' when the job was rescheduled with `replace` while it
 * ran (it goes back to pending, for its new run_at and payload); 'lost' when this run no longer held the job (its
 * lease ran out and another run took it, or it was finished): then nothing changes.
 */
export async function finishRun(db: Db, claim: Claim, outcome: Outcome, now: number): Promise<'ok' | 'replaced' | 'lost'> {
  const error = outcome.status === 'done' ? null : outcome.error;
  const patch =
    outcome.status === 'pending'
      ? { status: 'pending' as JobStatus, run_at: outcome.runAt, lease_until: null, locked_by: null, last_error: error, updated_at: now }
      : { status: outcome.status as JobStatus, lease_until: null, last_error: error, finished_at: now, updated_at: now };
  const held = db
    .updateTable('jobs')
    .where('id', '=', claim.id)
    .where('status', '=', 'running')
    .where('locked_by', '=', claim.nodeId)
    .where('attempts', '=', claim.attempt);
  const r = await held.set(patch).where('revision', '=', claim.revision).executeTakeFirst();
  if (Number(r.numUpdatedRows) > 0) return 'ok';
  const again = await held.set({ status: 'pending', lease_until: null, locked_by: null, attempts: 0, last_error: error, updated_at: now }).executeTakeFirst();
  return Number(again.numUpdatedRows) > 0 ? 'replaced' : 'lost';
}

/** Deletes finished jobs older than the given times, a batch at a time (a short write each, on SQLite too). */
export async function deleteFinishedJobs(db: Db, p: { doneBefore: number; deadBefore: number; batch?: number }): Promise<number> {
  const batch = p.batch ?? 500;
  let total = 0;
  for (const [statuses, before] of [
    [['done', 'cancelled'], p.doneBefore],
    [['dead'], p.deadBefore],
  ] as const) {
    for (;;) {
      const ids = db.selectFrom('jobs').select('id').where('finished_at', '<', before).where('status', 'in', statuses).limit(batch);
      const r = await db.deleteFrom('jobs').where('id', 'in', ids).executeTakeFirst();
      const n = Number(r.numDeletedRows);
      total += n;
      if (n < batch) break;
    }
  }
  return total;
}
