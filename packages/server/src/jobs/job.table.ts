/** Row type of the jobs table (migration 0004), added to Kysely's Database from this feature folder. */

export interface JobTable {
  id: string;
  /** What to do: the handler registered under this name runs it ('conversation.wake'). */
  kind: string;
  /** Idempotency key: at most one pending or running job per key. */
  key: string | null;
  workspace_id: string | null;
  /** JSON. */
  payload: string;
  /** pending → running → done; or back to pending for a retry; dead after max_attempts; cancelled. */
  status: string;
  /** When it is due (epoch ms, ctx.clock time). */
  run_at: number;
  /** Runs started so far, counted when a run is claimed (so a run whose process died counts too). */
  attempts: number;
  max_attempts: number;
  /** While running: the claim holds until then, renewed while the handler runs; after it, another node may claim the job. */
  lease_until: number | null;
  /** The node that claimed it last. */
  locked_by: string | null;
  /** The message of the last failure (never the payload). */
  last_error: string | null;
  /** Bumped by each replacing schedule: a run that ends on an older revision leaves the job pending for the new one. */
  revision: number;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
}

declare module '../db/tables.js' {
  interface Database {
    jobs: JobTable;
  }
}
