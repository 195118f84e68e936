import type { Kysely } from 'kysely';

/**
 * SLA policies (B5): targets for the first response, the next response and
 * the resolution, chosen per inbox, per team or by a rule (on the
 * conversation). Each running target of a conversation is a row of
 * sla_timers (one per conversation and target, its cycle counting the next
 * responses); warnings, breaches and met targets are rows of sla_events for
 * reports, one per conversation, target, cycle and outcome (the unique index
 * is what makes a breach recorded once however often its job runs). The
 * conversation keeps the nearest due target for lists and rules.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sla_policies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('first_response_seconds', 'integer')
    .addColumn('next_response_seconds', 'integer')
    .addColumn('resolution_seconds', 'integer')
    .addColumn('warn_percent', 'integer', (c) => c.notNull().defaultTo(80))
    .addColumn('warn_before_seconds', 'integer')
    .addColumn('business_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_policies_workspace').on('sla_policies').columns(['workspace_id', 'name']).execute();

  await db.schema
    .createTable('sla_timers')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('warn_at', 'bigint')
    .addColumn('due_at', 'bigint')
    .addColumn('warned_at', 'bigint')
    .addColumn('breached_at', 'bigint')
    .addColumn('stopped_at', 'bigint')
    .addPrimaryKeyConstraint('sla_timers_pk', ['conversation_id', 'target'])
    .execute();

  await db.schema
    .createTable('sla_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('policy_id', 'text', (c) => c.notNull())
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('cycle', 'integer', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sla_events_once').on('sla_events').columns(['conversation_id', 'target', 'cycle', 'outcome']).unique().execute();
  await db.schema.createIndex('sla_events_report').on('sla_events').columns(['workspace_id', 'at']).execute();

  for (const table of ['inboxes', 'teams'] as const) await db.schema.alterTable(table).addColumn('sla_policy_id', 'text').execute();
  const conversations = [
    // Chosen by a rule; null: the team's, else the inbox's.
    db.schema.alterTable('conversations').addColumn('sla_policy_id', 'text'),
    db.schema.alterTable('conversations').addColumn('sla_due_at', 'bigint'),
    db.schema.alterTable('conversations').addColumn('sla_target', 'text'),
    db.schema.alterTable('conversations').addColumn('sla_warn_at', 'bigint'),
    db.schema.alterTable('conversations').addColumn('sla_breached_at', 'bigint'),
  ];
  for (const q of conversations) await q.execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of ['sla_policy_id', 'sla_due_at', 'sla_target', 'sla_warn_at', 'sla_breached_at'])
    await db.schema.alterTable('conversations').dropColumn(c).execute();
  for (const table of ['inboxes', 'teams'] as const) await db.schema.alterTable(table).dropColumn('sla_policy_id').execute();
  await db.schema.dropTable('sla_events').execute();
  await db.schema.dropTable('sla_timers').execute();
  await db.schema.dropTable('sla_policies').execute();
}
