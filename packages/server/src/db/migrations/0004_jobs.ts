import { type Kysely, sql } from 'kysely';

/**
 * Durable jobs (jobs/): every timer, retry and scheduled action, stored with
 * the data it acts on so it survives restarts and is claimed once across nodes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text')
    .addColumn('workspace_id', 'text')
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('run_at', 'bigint', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('max_attempts', 'integer', (c) => c.notNull())
    .addColumn('lease_until', 'bigint')
    .addColumn('locked_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .execute();
  // The claim and the loop's next wake-up walk due pending jobs in (run_at, id) order, and the few running ones by
  // lease. Partial, so the millions of finished rows a busy install keeps for a week are in neither.
  await sql`create index jobs_pending on jobs (run_at, id) where status = 'pending'`.execute(db);
  await sql`create index jobs_running on jobs (lease_until) where status = 'running'`.execute(db);
  // The clean-up finds old finished rows. (No index starts with status: SQLite would prefer it to the partial ones.)
  await db.schema.createIndex('jobs_finished').on('jobs').column('finished_at').execute();
  // One pending or running job per key: what makes scheduling idempotent, on every node at once. Finished
  // jobs keep their key (for `get`) without blocking a new schedule under it.
  await sql`create unique index jobs_key_active on jobs (key) where status in ('pending', 'running')`.execute(db);
  await db.schema.createIndex('jobs_key').on('jobs').columns(['key', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('jobs').execute();
}
