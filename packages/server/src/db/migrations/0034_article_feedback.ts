import type { Kysely } from 'kysely';

/**
 * What happens to articles (F2–F4): views (in the widget and on the help
 * centre), operators inserting one into a reply, and visitors' "Did this
 * help?" votes (one per visitor and article, the last answer counts). A
 * helpful vote with no conversation from that visitor in the day after it is
 * a chat avoided. Deleting an article deletes its events and votes; erasing
 * a visitor deletes their votes and keeps their views without them.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('article_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // 'view' | 'inserted'
    .addColumn('kind', 'text', (c) => c.notNull())
    // 'widget' | 'help' | 'console'
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.references('visitors.id').onDelete('set null'))
    .addColumn('operator_id', 'text')
    .addColumn('conversation_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // Effectiveness: an article's counts by kind; the workspace's counts over a period.
  await db.schema.createIndex('article_events_article_kind').on('article_events').columns(['article_id', 'kind', 'created_at']).execute();
  await db.schema.createIndex('article_events_workspace_created').on('article_events').columns(['workspace_id', 'created_at']).execute();

  await db.schema
    .createTable('article_votes')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
    .addColumn('helpful', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_votes_pk', ['article_id', 'visitor_id'])
    .execute();
  await db.schema.createIndex('article_votes_workspace').on('article_votes').columns(['workspace_id', 'updated_at']).execute();
  await db.schema.createIndex('article_votes_visitor').on('article_votes').columns(['visitor_id', 'updated_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('article_votes').execute();
  await db.schema.dropTable('article_events').execute();
}
