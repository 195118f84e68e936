import type { Kysely } from 'kysely';

/**
 * Conversation summaries (G4): made on transfer, escalation, resolve, a bot's
 * handover or on request; the latest is shown to the operator who receives
 * the conversation and kept with its record (export, transcript).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('conversation_summaries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    // 'transfer' | 'escalation' | 'resolve' | 'handover' | 'request'
    .addColumn('reason', 'text', (c) => c.notNull())
    // JSON string arrays
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('done', 'text', (c) => c.notNull())
    .addColumn('pending', 'text', (c) => c.notNull())
    // 'extractive' | 'model'
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    // The operator whose action made it; null: a bot, a rule, the system
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('conversation_summaries_latest').on('conversation_summaries').columns(['conversation_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('conversation_summaries').execute();
}
