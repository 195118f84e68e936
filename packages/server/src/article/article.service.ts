/**
 * Articles of the knowledge base: drafts and published ones, a locale each,
 * linked to their translations. Every save that changes the title or the body
 * makes a version (author and time); a slug change keeps the old slug, whose
 * public address then redirects.
 */
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { ArticleDto, ArticleSummaryDto, CreateArticleInput, ListArticlesQuery, UpdateArticleInput } from './article.js';
import {
  type ArticleRow,
  deleteArticleRow,
  findArticle,
  findArticleBySlug,
  findCategory,
  insertArticle,
  insertVersion,
  listArticleRows,
  moveSlug,
  translationRows,
  updateArticleRow,
} from './article.repository.js';
import { renderMarkdown } from './render-markdown.js';

/** The public help centre of a workspace (see help.routes.ts). */
export const helpBase = (workspaceId: string) => `/help/${workspaceId}`;
export const articleUrl = (r: Pick<ArticleRow, 'workspace_id' | 'locale' | 'slug'>) => `${helpBase(r.workspace_id)}/${r.locale}/${r.slug}`;

export function presentSummary(r: ArticleRow): ArticleSummaryDto {
  return {
    id: r.id,
    title: r.title,
    slug: r.slug,
    description: r.description,
    locale: r.locale,
    categoryId: r.category_id,
    translationGroupId: r.translation_group_id,
    state: r.state,
    version: r.version,
    publishedAt: r.published_at,
    url: articleUrl(r),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

async function present(db: Db, r: ArticleRow): Promise<ArticleDto> {
  const translations = (await translationRows(db, r.workspace_id, r.translation_group_id))
    .filter((t) => t.id !== r.id)
    .map((t) => ({ id: t.id, locale: t.locale, title: t.title, state: t.state }));
  return { ...presentSummary(r), body: r.body, translations };
}

export async function listArticles(ctx: Context, actor: Operator, q: ListArticlesQuery): Promise<ArticleSummaryDto[]> {
  authorize(actor, 'article.view');
  return (await listArticleRows(ctx.db, { workspaceId: actor.workspaceId, ...q })).map(presentSummary);
}

export async function visibleArticle(ctx: Context, actor: Operator, id: string): Promise<ArticleRow> {
  authorize(actor, 'article.view');
  const row = await findArticle(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Article');
  return row;
}

export async function getArticle(ctx: Context, actor: Operator, id: string): Promise<ArticleDto> {
  return present(ctx.db, await visibleArticle(ctx, actor, id));
}

async function checkPlace(db: Db, workspaceId: string, a: { id?: string; locale: string; slug: string; categoryId: string | null; groupId: string }) {
  const same = await findArticleBySlug(db, workspaceId, a.locale, a.slug);
  if (same && same.id !== a.id) throw conflict(`Another article in ${a.locale} has the slug ${a.slug}`);
  if (a.categoryId && !(await findCategory(db, workspaceId, a.categoryId))) throw badRequest('Unknown category');
  const translations = await translationRows(db, workspaceId, a.groupId);
  if (translations.some((t) => t.id !== a.id && t.locale === a.locale)) throw conflict(`This article already has a translation in ${a.locale}`);
}

export async function createArticle(ctx: Context, actor: Operator, input: CreateArticleInput): Promise<ArticleDto> {
  authorize(actor, 'article.manage');
  const id = newId();
  let groupId = id;
  if (input.translationOf) {
    const original = await findArticle(ctx.db, actor.workspaceId, input.translationOf);
    if (!original) throw badRequest('The article it translates was not found');
    groupId = original.translation_group_id;
  }
  await checkPlace(ctx.db, actor.workspaceId, { locale: input.locale, slug: input.slug, categoryId: input.categoryId, groupId });
  const now = ctx.now();
  const row: ArticleRow = {
    id,
    workspace_id: actor.workspaceId,
    category_id: input.categoryId,
    locale: input.locale,
    translation_group_id: groupId,
    slug: input.slug,
    title: input.title,
    description: input.description,
    body: input.body,
    state: 'draft',
    version: 1,
    published_at: null,
    created_by: actor.id,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertArticle(trx, row);
    await insertVersion(trx, {
      article_id: id,
      number: 1,
      workspace_id: actor.workspaceId,
      title: row.title,
      body: row.body,
      author_id: actor.id,
      created_at: now,
    });
  });
  ctx.events.emit({ type: 'article.changed', workspaceId: actor.workspaceId, articleId: id, state: row.state, change: 'created' });
  return present(ctx.db, row);
}

/** Saves a change; a new title or body is a new version by the actor. */
export async function updateArticle(ctx: Context, actor: Operator, id: string, input: UpdateArticleInput): Promise<ArticleDto> {
  authorize(actor, 'article.manage');
  const row = await visibleArticle(ctx, actor, id);
  const patch = Object.fromEntries(
    Object.entries({
      title: input.title,
      slug: input.slug,
      description: input.description,
      body: input.body,
      locale: input.locale,
      category_id: input.categoryId,
    }).filter(([, v]) => v !== undefined),
  ) as Partial<ArticleRow>;
  const next: ArticleRow = { ...row, ...patch, updated_at: ctx.now() };
  await checkPlace(ctx.db, actor.workspaceId, { id, locale: next.locale, slug: next.slug, categoryId: next.category_id, groupId: next.translation_group_id });
  const newVersion = next.title !== row.title || next.body !== row.body;
  if (newVersion) next.version = row.version + 1;
  await ctx.db.transaction().execute(async (trx) => {
    if (next.slug !== row.slug || next.locale !== row.locale) {
      await moveSlug(trx, { workspaceId: actor.workspaceId, articleId: id, fromLocale: row.locale, from: row.slug, toLocale: next.locale, to: next.slug });
    }
    await updateArticleRow(trx, actor.workspaceId, id, { ...patch, version: next.version, updated_at: next.updated_at });
    if (newVersion) {
      await insertVersion(trx, {
        article_id: id,
        number: next.version,
        workspace_id: actor.workspaceId,
        title: next.title,
        body: next.body,
        author_id: actor.id,
        created_at: next.updated_at,
      });
    }
  });
  ctx.events.emit({ type: 'article.changed', workspaceId: actor.workspaceId, articleId: id, state: next.state, change: 'updated' });
  return present(ctx.db, next);
}

export async function setArticleState(ctx: Context, actor: Operator, id: string, state: 'draft' | 'published'): Promise<ArticleDto> {
  authorize(actor, 'article.manage');
  const row = await visibleArticle(ctx, actor, id);
  const now = ctx.now();
  const next: ArticleRow = { ...row, state, updated_at: now, published_at: state === 'published' ? now : row.published_at };
  await updateArticleRow(ctx.db, actor.workspaceId, id, { state, updated_at: now, published_at: next.published_at });
  ctx.events.emit({
    type: 'article.changed',
    workspaceId: actor.workspaceId,
    articleId: id,
    state,
    change: state === 'published' ? 'published' : 'unpublished',
  });
  return present(ctx.db, next);
}

export async function deleteArticle(ctx: Context, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'article.manage');
  const row = await visibleArticle(ctx, actor, id);
  await ctx.db.transaction().execute((trx) => deleteArticleRow(trx, actor.workspaceId, id));
  ctx.events.emit({ type: 'article.changed', workspaceId: actor.workspaceId, articleId: id, state: row.state, change: 'deleted' });
}

/** The same rendering as the public pages, for the editor's preview. */
export function previewArticle(actor: Operator, body: string): { html: string } {
  authorize(actor, 'article.view');
  return { html: renderMarkdown(body, { helpBase: helpBase(actor.workspaceId) }) };
}
