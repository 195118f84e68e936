import type { Kysely } from 'kysely';

/**
 * Business hours per team and shifts per operator: one row each, the week
 * and the dates as JSON (always read and written whole, a few hundred bytes).
 * A team or an operator without a row is always open / always on shift. The
 * transitions between them are durable jobs (jobs table), one pending per
 * team and per operator.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('team_hours')
    .addColumn('team_id', 'text', (c) => c.primaryKey().references('teams.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('weekly', 'text', (c) => c.notNull())
    .addColumn('holidays', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('team_hours_workspace').on('team_hours').columns(['workspace_id']).execute();

  await db.schema
    .createTable('operator_shifts')
    .addColumn('operator_id', 'text', (c) => c.primaryKey().references('operators.id').onDelete('cascade'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('weekly', 'text', (c) => c.notNull())
    .addColumn('exceptions', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('operator_shifts_workspace').on('operator_shifts').columns(['workspace_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('operator_shifts').execute();
  await db.schema.dropTable('team_hours').execute();
}
