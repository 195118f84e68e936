import type { Kysely } from 'kysely';

/**
 * Transfer, escalation and supervision: a note's kind (a plain note, the
 * handoff note of a transfer, a supervisor's whisper to the assignee), the
 * workspace's tier-2 team that escalations go to, and each conversation's
 * escalation history.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('notes')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('note'))
    .execute();
  await db.schema.alterTable('notes').addColumn('to_operator_id', 'text').execute();

  await db.schema
    .createTable('escalation_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
    .addColumn('tier2_team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('conversation_escalations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('by_kind', 'text', (c) => c.notNull())
    .addColumn('by_id', 'text', (c) => c.notNull())
    .addColumn('by_name', 'text', (c) => c.notNull())
    .addColumn('from_team_id', 'text')
    .addColumn('to_team_id', 'text')
    .addColumn('to_operator_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('conversation_escalations_conversation').on('conversation_escalations').columns(['conversation_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('conversation_escalations').execute();
  await db.schema.dropTable('escalation_settings').execute();
  await db.schema.alterTable('notes').dropColumn('to_operator_id').execute();
  await db.schema.alterTable('notes').dropColumn('kind').execute();
}
