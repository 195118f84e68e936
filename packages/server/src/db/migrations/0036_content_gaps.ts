import type { Kysely } from 'kysely';

/**
 * Content gaps (F4): the first question of a new conversation that no
 * published article covers, grouped with similar ones into clusters. A
 * question goes with its conversation (deleted with it); a cluster keeps its
 * label (its most representative question) and count.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('content_gap_clusters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    // 'open' | 'dismissed' | 'covered'
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text')
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // The list: a workspace's open clusters, most frequent first.
  await db.schema.createIndex('content_gap_clusters_list').on('content_gap_clusters').columns(['workspace_id', 'status', 'count', 'last_seen_at']).execute();

  await db.schema
    .createTable('content_gap_questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id').onDelete('cascade'))
    .addColumn('cluster_id', 'text', (c) => c.notNull().references('content_gap_clusters.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text')
    .addColumn('coverage', 'real')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // One question per conversation: a check run twice stores it once.
  await db.schema.createIndex('content_gap_questions_conversation').unique().on('content_gap_questions').column('conversation_id').execute();
  await db.schema.createIndex('content_gap_questions_cluster').on('content_gap_questions').columns(['cluster_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('content_gap_questions').execute();
  await db.schema.dropTable('content_gap_clusters').execute();
}
