/**
 * The durable job module's types: what a feature schedules (JobSpec), what a
 * handler receives (JobContext), and the service (Jobs). README.md beside
 * this file says how to use them.
 */
import type { Selectable } from 'kysely';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import type { JobTable } from './job.table.js';

export type JobRow = Selectable<JobTable>;

export type JobStatus = 'pending' | 'running' | 'done' | 'dead' | 'cancelled';

/** Statuses under which a key is taken: scheduling it again finds this job. */
export const ACTIVE: readonly JobStatus[] = ['pending', 'running'];

export const DEFAULT_MAX_ATTEMPTS = 8;

export interface JobSpec<P = unknown> {
  /** The handler's name, e.g. 'conversation.wake', 'message.send_scheduled'. */
  kind: string;
  /** Epoch ms (ctx.clock time). In the past: due at once. */
  runAt: number;
  /** JSON. */
  payload: P;
  /**
   * Idempotency key, global across kinds (start it with the kind: 'conversation.wake:<id>'). Scheduling
   * the same key again while its job is pending or running returns that job, or, with `replace`, gives it
   * this runAt and payload.
   */
  key?: string;
  replace?: boolean;
  /** Default 8; a job that fails this many times is 'dead', its last error kept. */
  maxAttempts?: number;
  workspaceId?: string | null;
}

export interface Scheduled {
  id: string;
  key: string | null;
  /** False when the key found a job already pending or running (replaced or not). */
  created: boolean;
}

export interface JobContext {
  job: JobRow;
  /** The job's id: the idempotency key of its effect (a message sent by a job uses it as its client id). */
  id: string;
  /** 1 on the first run; a run whose process died counts as one. */
  attempt: number;
  /**
   * The db the handler should use for its effect (the app's; not a transaction). A handler that writes
   * rows makes the write exactly-once by doing it in a transaction with `complete(trx)`.
   */
  db: Db;
  /**
   * Marks this run done inside the handler's own transaction, so the effect and the completion commit
   * together. Throws LeaseLostError when this run no longer holds the job (another node took it after the
   * lease ran out, or it is finished): the transaction rolls back and the effect is not made twice.
   */
  complete(trx: Db): Promise<void>;
  /** Aborted when this run loses its lease or the runner stops before it ends: stop work that can stop. */
  signal: AbortSignal;
}

export type JobHandler<P = unknown> = (ctx: Context, payload: P, job: JobContext) => Promise<void>;

export interface Jobs {
  /** `db`: an open transaction, so a feature schedules in the same transaction as its change. */
  schedule<P>(spec: JobSpec<P>, db?: Db): Promise<Scheduled>;
  /** A pending job, by key (or id), → cancelled. False when none was pending (running jobs finish). */
  cancel(key: string, db?: Db): Promise<boolean>;
  /** Registers the handler of a kind; this node claims only the kinds it handles. */
  handle<P>(kind: string, handler: JobHandler<P>): void;
  /** The polling loop on ctx.clock, and lease renewal while handlers run. */
  start(): void;
  /** Stops claiming, waits (bounded) for running handlers. */
  stop(): Promise<void>;
  /** Claims and runs what is due now, until nothing is; resolves with how many runs it made (tests call it after moving the clock). */
  runDue(): Promise<number>;
  /** By id, or by key: the active job under it, else the latest. */
  get(keyOrId: string): Promise<JobRow | undefined>;
}

/** Thrown by JobContext.complete when this run no longer holds its job. */
export class LeaseLostError extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} is no longer held by this run`);
    this.name = 'LeaseLostError';
  }
}

const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 3600_000;

/**
 * The wait before the run after failed attempt `attempt` (1-based): 10 s doubling to at most an hour, with
 * the second half random, so jobs that failed together (an endpoint down) do not all come back together.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const full = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + (random() * full) / 2);
}
