/**
 * The durable job that imports a checked CSV file, and the one that cleans
 * up after it. Chunks of rows are staged each in a short transaction (new
 * contacts hidden behind the import's id, changes to other contacts set
 * aside), with how far it got; a run after a crash goes on from there. One
 * last short transaction makes it all visible. See README.md.
 */
import { setImmediate as yieldLoop } from 'node:timers/promises';
import type { Context } from '../../context.js';
import type { JobContext, Jobs } from '../../jobs/job.js';
import { LeaseLostError } from '../../jobs/job.js';
import { listLabels } from '../../label/label.repository.js';
import { attributeDefs } from '../contact-attribute.service.js';
import { csvRows, type Target } from './import-csv.js';
import { planChunk } from './import-plan.js';
import { type Checked, rowChecker } from './import-rows.js';
import {
  applyUpdates,
  cleanStep,
  findImportById,
  type ImportRow,
  MAX_PROBLEMS,
  parseProblems,
  pendingUpdates,
  stageChunk,
  updateImport,
} from './import.repository.js';
import { CLEANUP_JOB, IMPORT_JOB, importChanged } from './import.service.js';

/**
 * Rows per staged chunk: on SQLite a few tens of milliseconds of holding the
 * one write lock each; PostgreSQL writes beside other transactions, so its
 * chunks are larger (fewer round trips).
 */
export const CHUNK_ROWS = { sqlite: 250, postgres: 1000 };
/**
 * Up to this many changes to existing contacts are applied in the final
 * step itself (tens of milliseconds); beyond, the final step is the commit
 * point and they are applied right after it, a few thousand at a time.
 */
export const importLimits = { atomicUpdates: 5000 };

/** For tests: runs after each staged chunk (a throw there is a failure midway). */
export const importFaults: { afterChunk: ((importId: string, chunk: number) => void | Promise<void>) | null } = { afterChunk: null };

class Stopped extends Error {}

export function handleContactImport(jobs: Jobs): void {
  jobs.handle<{ importId: string }>(IMPORT_JOB, async (ctx, payload, job) => {
    const imp = await findImportById(job.db, payload.importId);
    if (!imp || !(imp.status === 'queued' || imp.status === 'running')) return;
    try {
      await runImport(ctx, job, imp);
    } catch (err) {
      if (err instanceof Stopped) return;
      if (err instanceof LeaseLostError) throw err;
      ctx.log.error({ err, importId: imp.id }, 'contact import failed');
      const patch = { status: 'failed', error: 'The import stopped before the end: nothing of it is visible. Retry it, or cancel it.', updated_at: ctx.now() };
      if (await updateImport(job.db, imp.id, ['running', 'queued'], patch)) importChanged(ctx, { ...(await findImportById(job.db, imp.id))! });
    }
  });
  jobs.handle<{ importId: string }>(CLEANUP_JOB, async (ctx, payload, job) => {
    const imp = await findImportById(job.db, payload.importId);
    // A failed import keeps what it staged, for a retry; a cancel cleans it.
    if (!imp || (imp.status !== 'done' && imp.status !== 'cancelled')) return;
    while (await cleanStep(job.db, imp, ctx.now())) {
      if (job.signal.aborted) throw new Error('the clean-up was interrupted');
      await yieldLoop();
    }
  });
}

async function runImport(ctx: Context, job: JobContext, start: ImportRow): Promise<void> {
  const db = job.db;
  if (!(await updateImport(db, start.id, ['queued', 'running'], { status: 'running', error: null, updated_at: ctx.now() }))) return;
  const ws = start.workspace_id;
  const headers = JSON.parse(start.headers) as string[];
  const mapping = JSON.parse(start.mapping ?? '[]') as Target[];
  const checker = rowChecker(headers, mapping, await attributeDefs(ctx, ws), await listLabels(db, ws));
  const counts = { done: start.done, created: start.created, updated: start.updated, unchanged: start.unchanged, refused: start.refused };
  const problems = parseProblems(start.problems);
  let chunks = 0;

  const stage = async (rows: Checked[]) => {
    const now = ctx.now();
    const ok = rows.flatMap((r) => (r.ok ? [r.values] : []));
    const plan = await planChunk(db, ws, start.id, ok, now);
    const refused = rows.filter((r) => !r.ok);
    for (const r of refused) for (const p of r.ok ? [] : r.problems) if (problems.length < MAX_PROBLEMS) problems.push(p);
    const next = {
      done: counts.done + rows.length,
      created: counts.created + plan.creates.length,
      updated: counts.updated + plan.updates.length,
      unchanged: counts.unchanged + plan.unchanged,
      refused: counts.refused + refused.length,
    };
    await db.transaction().execute(async (trx) => {
      // First: on PostgreSQL this holds the import's row, so a cancel waits for the chunk, or the chunk sees the cancel.
      if (!(await updateImport(trx, start.id, ['running'], { ...next, problems: JSON.stringify(problems), updated_at: now }))) throw new Stopped();
      await stageChunk(trx, ws, start.id, plan, now);
    });
    Object.assign(counts, next);
    chunks++;
    importChanged(ctx, { ...start, ...counts, status: 'running', problems: '[]', updated_at: now }, false);
    await importFaults.afterChunk?.(start.id, chunks);
    if (job.signal.aborted) throw new Stopped();
    await yieldLoop();
  };

  let index = 0;
  let header = true;
  let pending: Checked[] = [];
  for await (const cells of csvRows(start.csv)) {
    if (header) {
      header = false;
      continue;
    }
    index++;
    // Rows before `done` were staged by an earlier run; they are checked again all the same (an email on an earlier row refuses a later one).
    const checked = checker.check(index + 1, cells);
    if (index <= start.done) continue;
    pending.push(checked);
    if (pending.length === CHUNK_ROWS[ctx.dbKind]) {
      await stage(pending);
      pending = [];
    }
  }
  if (pending.length) await stage(pending);

  const now = ctx.now();
  await db.transaction().execute(async (trx) => {
    if (!(await updateImport(trx, start.id, ['running'], { status: 'done', csv: '', finished_at: now, updated_at: now }))) throw new Stopped();
    if (counts.updated <= importLimits.atomicUpdates) await applyUpdates(trx, ws, start.id, now);
    await job.complete(trx);
    await ctx.jobs.schedule({ kind: CLEANUP_JOB, runAt: now, payload: { importId: start.id }, key: `${CLEANUP_JOB}:${start.id}`, workspaceId: ws }, trx);
  });
  importChanged(ctx, (await findImportById(db, start.id))!);
  // Past the commit point: the rest of the changes, a few thousand per short transaction (the clean-up job,
  // scheduled with the commit, finishes them if this process dies first).
  for (let ids = await pendingUpdates(db, start.id, ROLL_FORWARD); ids.length; ids = await pendingUpdates(db, start.id, ROLL_FORWARD)) {
    await db.transaction().execute((trx) => applyUpdates(trx, ws, start.id, ctx.now(), ids));
    await yieldLoop();
  }
}

const ROLL_FORWARD = 2000;
