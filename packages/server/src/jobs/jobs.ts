/**
 * The job runner: schedules durable jobs, claims the due ones with a lease,
 * runs their handlers off the realtime path, retries failures with backoff,
 * and renews leases while handlers run. Time is ctx.clock's: the poll and the
 * renewals are its timers, so tests move a ManualClock instead of sleeping.
 */
import { randomUUID } from 'node:crypto';
import type { Timer } from '../clock.js';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { newId } from '../ids.js';
import { type Claim, claimJobs, cancelJob, findJob, finishRun, insertJob, nextDueAt, type Outcome, renewLeases } from './job.repository.js';
import {
  backoffMs,
  DEFAULT_MAX_ATTEMPTS,
  type JobContext,
  type JobHandler,
  type JobRow,
  type Jobs,
  type JobSpec,
  LeaseLostError,
  type Scheduled,
} from './job.js';
import { registerTestJobs } from './test-jobs.js';

export interface JobsOptions {
  /** Written into locked_by; a random id by default (one per process). */
  nodeId?: string;
  /** Handlers running at once on this node (default: JOB_CONCURRENCY). */
  concurrency?: number;
  /** How long a claim holds without renewal (default: JOB_LEASE_SECONDS); renewed every third of it. */
  leaseMs?: number;
  /**
   * How often the loop looks for due jobs it was not told about (a lease that ran out, a schedule whose wake-up it
   * missed): every second, slowing down to `maxPollMs` while it finds nothing. Schedules on this node, and on the
   * others through pub/sub, wake it at their time.
   */
  pollMs?: number;
  maxPollMs?: number;
  /** How long stop() waits for running handlers, in wall time (a stopping process must stop, whatever the clock). */
  stopTimeoutMs?: number;
  /** For the backoff's jitter (tests make it fixed). */
  random?: () => number;
}

interface Run {
  claim: Claim;
  controller: AbortController;
  done: Promise<void>;
}

export function createJobs(ctx: Context, options: JobsOptions = {}): Jobs & { readonly nodeId: string } {
  const jobs = new JobRunner(ctx, options);
  if (ctx.config.testJobs) registerTestJobs(jobs);
  return jobs;
}

/** Pub/sub channel on which a node tells the others when a job it scheduled is due. */
const CHANNEL = 'jobs';

const runKey = (c: { id: string; attempt: number }) => `${c.id}:${c.attempt}`;

/** The error as a log line and as last_error: its message only (errors from HTTP clients may carry headers). */
function describe(err: unknown): string {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return text.slice(0, 2000);
}

class JobRunner implements Jobs {
  readonly nodeId: string;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly maxPollMs: number;
  /** Polls in a row that found nothing: the next one waits longer (bounded). */
  private idle = 0;
  private unsubscribe: Promise<(() => Promise<void>) | undefined> | undefined;
  private readonly stopTimeoutMs: number;
  private readonly random: () => number;
  private readonly handlers = new Map<string, JobHandler<never>>();
  private readonly running = new Map<string, Run>();
  private started = false;
  /** After stop(): no more claims, from the loop or from runDue. */
  private stopped = false;
  private poll: Timer | undefined;
  private pollAt = Number.POSITIVE_INFINITY;
  private renewal: Timer | undefined;
  /** Claims one at a time, so two of them never count the same free slots. */
  private claims: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: Context,
    options: JobsOptions,
  ) {
    this.nodeId = options.nodeId ?? randomUUID();
    this.concurrency = options.concurrency ?? ctx.config.jobs.concurrency;
    this.leaseMs = options.leaseMs ?? ctx.config.jobs.leaseMs;
    this.pollMs = options.pollMs ?? 1000;
    this.maxPollMs = Math.max(this.pollMs, options.maxPollMs ?? 30_000);
    this.stopTimeoutMs = options.stopTimeoutMs ?? 5000;
    this.random = options.random ?? Math.random;
  }

  async schedule<P>(spec: JobSpec<P>, db: Db = this.ctx.db): Promise<Scheduled> {
    if (typeof spec.kind !== 'string' || spec.kind === '') throw new TypeError('a job needs a kind');
    if (!Number.isFinite(spec.runAt)) throw new TypeError(`job ${spec.kind}: runAt must be a time in epoch milliseconds`);
    const maxAttempts = spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new TypeError(`job ${spec.kind}: maxAttempts must be a whole number from 1`);
    if (spec.key === '') throw new TypeError(`job ${spec.kind}: an empty key`);
    const now = this.ctx.now();
    const runAt = Math.round(spec.runAt);
    const row: JobRow = {
      id: newId(),
      kind: spec.kind,
      key: spec.key ?? null,
      workspace_id: spec.workspaceId ?? null,
      payload: JSON.stringify(spec.payload ?? null),
      status: 'pending',
      run_at: runAt,
      attempts: 0,
      max_attempts: maxAttempts,
      lease_until: null,
      locked_by: null,
      last_error: null,
      revision: 0,
      created_at: now,
      updated_at: now,
      finished_at: null,
    };
    const scheduled = await insertJob(db, row, spec.replace === true);
    // Every node that runs jobs looks at its time: this one at once, the others when pub/sub tells them. (Inside a
    // transaction the job may not be visible yet then; the poll a second later finds it.)
    this.wake(runAt - now);
    // Later than that, the others' polls see it coming anyway.
    if (runAt - now < this.maxPollMs) {
      this.ctx.pubsub
        .publish(CHANNEL, JSON.stringify({ node: this.nodeId, runAt }))
        .catch((err) => this.ctx.log.debug({ error: describe(err) }, 'could not announce a job'));
    }
    return scheduled;
  }

  cancel(key: string, db: Db = this.ctx.db): Promise<boolean> {
    return cancelJob(db, key, this.ctx.now());
  }

  handle<P>(kind: string, handler: JobHandler<P>): void {
    if (this.handlers.has(kind)) throw new Error(`job kind ${kind} already has a handler`);
    this.handlers.set(kind, handler as JobHandler<never>);
  }

  get(keyOrId: string): Promise<JobRow | undefined> {
    return findJob(this.ctx.db, keyOrId);
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.stopped = false;
    this.wake(0);
    this.unsubscribe = this.ctx.pubsub
      .subscribe(CHANNEL, (_channel, raw) => {
        let told: { node?: unknown; runAt?: unknown };
        try {
          told = JSON.parse(raw);
        } catch {
          return;
        }
        if (told.node !== this.nodeId && typeof told.runAt === 'number') this.wake(told.runAt - this.ctx.now());
      })
      .catch((err) => {
        this.ctx.log.warn({ error: describe(err) }, 'jobs scheduled on other nodes are found by polling only');
        return undefined;
      });
  }

  async stop(): Promise<void> {
    this.started = false;
    this.stopped = true;
    this.ctx.clock.clearTimeout(this.poll);
    this.poll = undefined;
    this.pollAt = Number.POSITIVE_INFINITY;
    const unsubscribe = await this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.().catch(() => {});
    await this.claims.catch(() => {});
    const runs = [...this.running.values()];
    if (runs.length > 0) {
      // Wall time, not ctx.clock: a process that stops must stop, even under a manual clock nobody moves.
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.stopTimeoutMs);
        timer.unref();
      });
      await Promise.race([Promise.all(runs.map((r) => r.done)), bound]);
      clearTimeout(timer);
      // Left running: their leases run out and another node (or the next start) runs them again.
      for (const run of this.running.values()) run.controller.abort(new Error('the server is stopping'));
    }
    this.ctx.clock.clearTimeout(this.renewal);
    this.renewal = undefined;
  }

  async runDue(): Promise<number> {
    let count = 0;
    for (;;) {
      const mine: Promise<void>[] = [];
      for (;;) {
        if (this.running.size >= this.concurrency) {
          await Promise.race([...this.running.values()].map((r) => r.done));
          continue;
        }
        const free = this.concurrency - this.running.size;
        const runs = await this.claim(free);
        mine.push(...runs.map((r) => r.done));
        if (runs.length < free) break;
      }
      await Promise.all(mine);
      count += mine.length;
      // What the runs made due (a job scheduling another for now) runs too.
      if (mine.length === 0) return count;
    }
  }

  /** Claims up to `limit` due jobs (never more than the free slots) and starts their runs. */
  private claim(limit: number): Promise<Run[]> {
    const next = this.claims.then(async () => {
      const free = Math.min(limit, this.concurrency - this.running.size);
      if (free <= 0 || this.stopped) return [];
      const now = this.ctx.now();
      const rows = await claimJobs(this.ctx.db, {
        dialect: this.ctx.dbKind,
        nodeId: this.nodeId,
        kinds: [...this.handlers.keys()],
        now,
        leaseUntil: now + this.leaseMs,
        limit: free,
      });
      return rows.map((row) => this.begin(row));
    });
    this.claims = next.catch(() => {});
    return next;
  }

  private begin(row: JobRow): Run {
    const claim: Claim = { id: row.id, nodeId: this.nodeId, attempt: row.attempts, revision: row.revision };
    const run: Run = { claim, controller: new AbortController(), done: Promise.resolve() };
    const key = runKey(claim);
    this.running.set(key, run);
    this.armRenewal();
    run.done = this.execute(row, run).finally(() => {
      this.running.delete(key);
      // A slot is free: more may be due (a backlog), look at once.
      this.wake(0);
    });
    return run;
  }

  private async execute(row: JobRow, run: Run): Promise<void> {
    const { claim } = run;
    const about = { job: { kind: row.kind, id: row.id, attempt: claim.attempt } };
    try {
      if (claim.attempt > row.max_attempts) {
        // Its last allowed run started and never ended (the process died with it, every time): no more tries.
        const error = row.last_error ?? 'its runs never finished (the process running it stopped)';
        if ((await this.end(claim, { status: 'dead', error })) === 'ok') this.ctx.log.error({ ...about, error }, 'job is dead: no attempts left');
        return;
      }
      const handler = this.handlers.get(row.kind) as JobHandler<unknown>;
      let completedInside = false;
      const job: JobContext = {
        job: row,
        id: row.id,
        attempt: claim.attempt,
        db: this.ctx.db,
        signal: run.controller.signal,
        complete: async (trx) => {
          if ((await finishRun(trx, claim, { status: 'done' }, this.ctx.now())) === 'lost') throw new LeaseLostError(row.id);
          completedInside = true;
        },
      };
      try {
        await handler(this.ctx, JSON.parse(row.payload), job);
      } catch (err) {
        await this.failed(row, claim, err, about);
        return;
      }
      const r = await this.end(claim, { status: 'done' });
      // After complete(trx) committed, the row is done already: 'lost' is expected then.
      if (r === 'lost' && !completedInside) this.ctx.log.warn(about, 'job finished after losing its lease: another run has it');
    } catch (err) {
      // A database that fails here must not take the process down: the lease runs out and the job runs again.
      this.ctx.log.error({ ...about, error: describe(err) }, 'could not record the end of a job run');
    }
  }

  private async failed(row: JobRow, claim: Claim, err: unknown, about: object): Promise<void> {
    const error = describe(err);
    if (err instanceof LeaseLostError) {
      this.ctx.log.warn({ ...about, error }, 'job run lost its lease: another run has it');
      return;
    }
    const dead = claim.attempt >= row.max_attempts;
    const now = this.ctx.now();
    const outcome: Outcome = dead ? { status: 'dead', error } : { status: 'pending', runAt: now + backoffMs(claim.attempt, this.random), error };
    const r = await this.end(claim, outcome);
    if (r === 'lost') this.ctx.log.warn({ ...about, error }, 'job failed after losing its lease: another run has it');
    else if (r === 'replaced') this.ctx.log.warn({ ...about, error }, 'job failed; it runs again as rescheduled');
    else if (dead) this.ctx.log.error({ ...about, error }, 'job failed for the last time: dead');
    else this.ctx.log.warn({ ...about, error, retryAt: outcome.status === 'pending' ? outcome.runAt : null }, 'job failed; it will be retried');
  }

  private end(claim: Claim, outcome: Outcome): Promise<'ok' | 'replaced' | 'lost'> {
    return finishRun(this.ctx.db, claim, outcome, this.ctx.now());
  }

  /** Looks for due jobs `delayMs` from now, unless a look is planned sooner. */
  private wake(delayMs: number): void {
    if (!this.started) return;
    this.idle = 0;
    this.arm(delayMs);
  }

  private arm(delayMs: number): void {
    const delay = Math.max(0, delayMs);
    const at = this.ctx.now() + delay;
    if (this.poll && this.pollAt <= at) return;
    this.ctx.clock.clearTimeout(this.poll);
    this.pollAt = at;
    this.poll = this.ctx.clock.setTimeout(() => {
      this.poll = undefined;
      this.pollAt = Number.POSITIVE_INFINITY;
      void this.tick();
    }, delay);
  }

  private async tick(): Promise<void> {
    let found = false;
    let next: number | null = null;
    try {
      const free = this.concurrency - this.running.size;
      found = free <= 0 || (await this.claim(free)).length > 0;
      if (!found) next = await nextDueAt(this.ctx.db, [...this.handlers.keys()]);
    } catch (err) {
      this.ctx.log.warn({ error: describe(err) }, 'could not claim jobs');
    }
    if (!this.started) return;
    // Idle, the loop slows down (a day on a manual clock is a few thousand polls, not 86,400), but never past the
    // next job it knows of.
    this.idle = found ? 0 : Math.min(this.idle + 1, 16);
    const delay = Math.min(this.maxPollMs, this.pollMs * 2 ** Math.max(0, this.idle - 1));
    // (A time already past that the claim did not get: another node is claiming it right now. Look again in a while.)
    const until = next === null ? delay : next - this.ctx.now();
    this.arm(Math.min(delay, until > 0 ? until : this.pollMs));
  }

  private armRenewal(): void {
    if (this.renewal || this.running.size === 0) return;
    this.renewal = this.ctx.clock.setTimeout(
      () => {
        this.renewal = undefined;
        void this.renew();
      },
      Math.max(1, Math.floor(this.leaseMs / 3)),
    );
  }

  /** Extends the lease of every run here, in one statement; a run whose job was taken meanwhile is told (its signal). */
  private async renew(): Promise<void> {
    const runs = [...this.running.values()];
    try {
      const now = this.ctx.now();
      const ids = [...new Set(runs.map((r) => r.claim.id))];
      const held = new Set((await renewLeases(this.ctx.db, this.nodeId, ids, now + this.leaseMs, now)).map((r) => runKey({ id: r.id, attempt: r.attempts })));
      for (const run of runs) if (!held.has(runKey(run.claim))) run.controller.abort(new LeaseLostError(run.claim.id));
    } catch (err) {
      this.ctx.log.warn({ error: describe(err) }, 'could not renew job leases');
    } finally {
      this.armRenewal();
    }
  }
}
