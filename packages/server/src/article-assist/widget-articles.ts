/**
 * Articles in the widget (F2): suggestions as the visitor types, an article
 * read inside the chat (a view recorded), and the visitor's answer to
 * "Did this help?" (the last one counts). Published articles of the
 * visitor's workspace only; anything else is not found.
 */
import type { ArticleSuggestion, WidgetArticle } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import { type ArticleRow, findArticle } from '../article/article.repository.js';
import { articleUrl, helpBase } from '../article/article.service.js';
import { renderMarkdown } from '../article/render-markdown.js';
import type { Visitor } from '../visitor/visitor.js';
import { insertArticleEvent, upsertVote } from './article-feedback.repository.js';

/** Below this coverage an article is too loose a match to suggest while the visitor types (tuned on the tests' examples). */
export const SUGGEST_COVERAGE = 0.3;
/** Fewer characters than this are no question yet: no suggestions, no error. */
export const SUGGEST_MIN_CHARS = 3;
const SUGGESTIONS = 3;

export async function suggestArticles(ctx: Context, visitor: Visitor, q: string, locale?: string): Promise<ArticleSuggestion[]> {
  const text = q.trim();
  if (text.length < SUGGEST_MIN_CHARS) return [];
  const found = await ctx.articles.find(visitor.workspaceId, text, { locale, limit: SUGGESTIONS });
  return found
    .filter((f) => f.coverage > SUGGEST_COVERAGE)
    .map((f) => ({ id: f.id, title: f.title, description: f.description, excerpt: f.excerpt.slice(0, 300) }));
}

async function publishedOf(ctx: Context, visitor: Visitor, id: string): Promise<ArticleRow> {
  const row = await findArticle(ctx.db, visitor.workspaceId, id);
  if (row?.state !== 'published') throw notFound('Article');
  return row;
}

/** The article as the widget shows it (sanitised HTML, `article:` links to the help centre), and a view recorded. */
export async function readArticle(ctx: Context, visitor: Visitor, id: string): Promise<WidgetArticle> {
  const row = await publishedOf(ctx, visitor, id);
  await insertArticleEvent(ctx.db, {
    id: newId(),
    workspace_id: visitor.workspaceId,
    article_id: row.id,
    kind: 'view',
    source: 'widget',
    visitor_id: visitor.id,
    operator_id: null,
    conversation_id: null,
    created_at: ctx.now(),
  });
  return { id: row.id, title: row.title, html: renderMarkdown(row.body, { helpBase: helpBase(row.workspace_id) }), url: articleUrl(row), locale: row.locale };
}

/** "Did this help?": one answer per visitor and article, the last one counts. */
export async function voteArticle(ctx: Context, visitor: Visitor, id: string, helpful: boolean): Promise<void> {
  const row = await publishedOf(ctx, visitor, id);
  await upsertVote(ctx.db, { workspaceId: visitor.workspaceId, articleId: row.id, visitorId: visitor.id, helpful, now: ctx.now() });
}

/** A help centre page read by a person (crawlers are left out): one insert, never in the way of the page. */
export async function recordHelpView(ctx: Context, row: ArticleRow, userAgent: string | undefined): Promise<void> {
  if (userAgent && /bot|crawl|spider/i.test(userAgent)) return;
  await insertArticleEvent(ctx.db, {
    id: newId(),
    workspace_id: row.workspace_id,
    article_id: row.id,
    kind: 'view',
    source: 'help',
    visitor_id: null,
    operator_id: null,
    conversation_id: null,
    created_at: ctx.now(),
  }).catch((err) => ctx.log.error({ err }, 'help centre view not recorded'));
}
