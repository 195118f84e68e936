import type { Kysely } from 'kysely';

/**
 * The knowledge base (F1): categories, articles (one locale each, linked to
 * their translations by a translation group), every saved version of an
 * article, and the slugs an article had before, so old links redirect.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('article_categories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_categories_slug').unique().on('article_categories').columns(['workspace_id', 'slug']).execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text')
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('translation_group_id', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'bigint')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Slugs are unique per workspace and locale; the public pages find articles by them.
  await db.schema.createIndex('articles_slug').unique().on('articles').columns(['workspace_id', 'locale', 'slug']).execute();
  await db.schema.createIndex('articles_list').on('articles').columns(['workspace_id', 'state', 'updated_at']).execute();
  await db.schema.createIndex('articles_translations').on('articles').columns(['translation_group_id']).execute();

  await db.schema
    .createTable('article_versions')
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_versions_pk', ['article_id', 'number'])
    .execute();

  await db.schema
    .createTable('article_old_slugs')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('locale', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('article_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_old_slugs_pk', ['workspace_id', 'locale', 'slug'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['article_old_slugs', 'article_versions', 'articles', 'article_categories']) await db.schema.dropTable(t).execute();
}
