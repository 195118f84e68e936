import { type Selectable, sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { ArticleCategoryTable, ArticleTable, ArticleVersionTable } from './article.table.js';

export type CategoryRow = Selectable<ArticleCategoryTable>;
export type ArticleRow = Selectable<ArticleTable>;
export type VersionRow = Selectable<ArticleVersionTable>;

export async function listCategoryRows(db: Db, workspaceId: string): Promise<CategoryRow[]> {
  return db.selectFrom('article_categories').selectAll().where('workspace_id', '=', workspaceId).orderBy('position').orderBy('name').execute();
}

export async function findCategory(db: Db, workspaceId: string, id: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('article_categories').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function findCategoryBySlug(db: Db, workspaceId: string, slug: string): Promise<CategoryRow | undefined> {
  return db.selectFrom('article_categories').selectAll().where('workspace_id', '=', workspaceId).where('slug', '=', slug).executeTakeFirst();
}

export async function insertCategory(db: Db, row: CategoryRow): Promise<void> {
  await db.insertInto('article_categories').values(row).execute();
}

export async function updateCategoryRow(db: Db, workspaceId: string, id: string, patch: Partial<CategoryRow>): Promise<void> {
  await db.updateTable('article_categories').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Deleting a category leaves its articles without one. */
export async function deleteCategoryRow(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.updateTable('articles').set({ category_id: null }).where('workspace_id', '=', workspaceId).where('category_id', '=', id).execute();
  await db.deleteFrom('article_categories').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export interface ArticleFilter {
  workspaceId: string;
  state?: 'draft' | 'published';
  locale?: string;
  categoryId?: string;
  /** At most this many (default 1,000). */
  limit?: number;
}

export async function listArticleRows(db: Db, f: ArticleFilter): Promise<ArticleRow[]> {
  let q = db.selectFrom('articles').selectAll().where('workspace_id', '=', f.workspaceId);
  if (f.state) q = q.where('state', '=', f.state);
  if (f.locale) q = q.where('locale', '=', f.locale);
  if (f.categoryId) q = q.where('category_id', '=', f.categoryId);
  return q
    .orderBy('title')
    .orderBy('id')
    .limit(f.limit ?? 1000)
    .execute();
}

export async function findArticle(db: Db, workspaceId: string, id: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function findArticleBySlug(db: Db, workspaceId: string, locale: string, slug: string): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('workspace_id', '=', workspaceId).where('locale', '=', locale).where('slug', '=', slug).executeTakeFirst();
}

/** The article a slug used to name, if it was renamed. */
export async function findArticleByOldSlug(db: Db, workspaceId: string, locale: string, slug: string): Promise<ArticleRow | undefined> {
  const old = await db
    .selectFrom('article_old_slugs')
    .select('article_id')
    .where('workspace_id', '=', workspaceId)
    .where('locale', '=', locale)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return old ? findArticle(db, workspaceId, old.article_id) : undefined;
}

export async function translationRows(db: Db, workspaceId: string, groupId: string): Promise<ArticleRow[]> {
  return db.selectFrom('articles').selectAll().where('workspace_id', '=', workspaceId).where('translation_group_id', '=', groupId).orderBy('locale').execute();
}

export async function insertArticle(db: Db, row: ArticleRow): Promise<void> {
  await db.insertInto('articles').values(row).execute();
}

export async function updateArticleRow(db: Db, workspaceId: string, id: string, patch: Partial<ArticleRow>): Promise<void> {
  await db.updateTable('articles').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function deleteArticleRow(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('article_versions').where('workspace_id', '=', workspaceId).where('article_id', '=', id).execute();
  await db.deleteFrom('article_old_slugs').where('workspace_id', '=', workspaceId).where('article_id', '=', id).execute();
  await db.deleteFrom('articles').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Keeps the old address of a renamed article, and frees the new one if it was an old address before. */
export async function moveSlug(
  db: Db,
  a: { workspaceId: string; articleId: string; fromLocale: string; from: string; toLocale: string; to: string },
): Promise<void> {
  await db.deleteFrom('article_old_slugs').where('workspace_id', '=', a.workspaceId).where('locale', '=', a.toLocale).where('slug', '=', a.to).execute();
  await db
    .insertInto('article_old_slugs')
    .values({ workspace_id: a.workspaceId, locale: a.fromLocale, slug: a.from, article_id: a.articleId })
    .onConflict((oc) => oc.columns(['workspace_id', 'locale', 'slug']).doUpdateSet({ article_id: a.articleId }))
    .execute();
}

export async function insertVersion(db: Db, row: VersionRow): Promise<void> {
  await db.insertInto('article_versions').values(row).execute();
}

export async function listVersionRows(db: Db, workspaceId: string, articleId: string): Promise<VersionRow[]> {
  return db
    .selectFrom('article_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .orderBy('number', 'desc')
    .execute();
}

export async function findVersion(db: Db, workspaceId: string, articleId: string, number: number): Promise<VersionRow | undefined> {
  return db
    .selectFrom('article_versions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('article_id', '=', articleId)
    .where('number', '=', number)
    .executeTakeFirst();
}

/** Published articles whose title or body contains every word (a simple search for the public help centre). */
export async function searchPublished(db: Db, workspaceId: string, words: string[], limit: number): Promise<ArticleRow[]> {
  let q = db.selectFrom('articles').selectAll().where('workspace_id', '=', workspaceId).where('state', '=', 'published');
  for (const w of words) {
    const pattern = `%${w.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`(lower(title) like ${pattern} escape '\\' or lower(body) like ${pattern} escape '\\')`);
  }
  return q.orderBy('title').limit(limit).execute();
}
