import type { Kysely } from 'kysely';

/**
 * Reply suggestions (G1): what operators did with each suggestion (shown,
 * inserted, sent as inserted, edited before sending, ignored), for the
 * curation loop and for measuring suggestions.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('reply_suggestion_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('operator_id', 'text', (c) => c.notNull())
    // 'article:<id>' | 'answer:<messageId>' | 'model:<seq>'
    .addColumn('suggestion_id', 'text', (c) => c.notNull())
    // 'article' | 'answer' | 'model'
    .addColumn('source_kind', 'text', (c) => c.notNull())
    // 'shown' | 'inserted' | 'edited' | 'ignored' | 'sent'
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reply_suggestion_events_by_time').on('reply_suggestion_events').columns(['workspace_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reply_suggestion_events').execute();
}
