import type { Kysely } from 'kysely';

/**
 * FAQ drafts (F4): clusters of similar first questions of resolved
 * conversations, with operators' first replies, that no published article
 * covers; a review queue (pending, created, dismissed). Mining again
 * replaces the pending ones.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('faq_drafts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    // JSON [{ text, conversationId }], at most 10
    .addColumn('questions', 'text', (c) => c.notNull())
    // JSON [{ text, conversationId, operatorId }], at most 5, the best first
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    // 'pending' | 'created' | 'dismissed'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('faq_drafts_list').on('faq_drafts').columns(['workspace_id', 'status', 'size']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('faq_drafts').execute();
}
