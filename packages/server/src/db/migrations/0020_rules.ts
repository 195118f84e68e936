import type { Kysely } from 'kysely';

/**
 * Workspace rules (issue 11, B3): "when (event) if (conditions) then
 * (actions)", in order; the event, conditions and actions as JSON (read and
 * written whole). Each run of a rule on a conversation is a row of rule_runs:
 * ok, or failed with the reason (shown next to the rule in Settings → Rules).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('rules')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('conditions', 'text', (c) => c.notNull())
    .addColumn('actions', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rules_workspace').on('rules').columns(['workspace_id', 'position']).execute();

  await db.schema
    .createTable('rule_runs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text', (c) => c.notNull().references('rules.id').onDelete('cascade'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rule_runs_rule').on('rule_runs').columns(['rule_id', 'at']).execute();
  await db.schema.createIndex('rule_runs_conversation').on('rule_runs').columns(['conversation_id', 'rule_id', 'at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rule_runs').execute();
  await db.schema.dropTable('rules').execute();
}
