/**
 * The console's article search (F3): an operator looks for an article from a
 * conversation and inserts a link or an excerpt into the reply. With no
 * words typed, the conversation's last visitor messages are the question.
 * Each insertion is recorded as an 'inserted' article event.
 */
import { z } from 'zod';
import { findArticle } from '../article/article.repository.js';
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { insertArticleEvent } from './article-feedback.repository.js';

/** At most this many suggestions in the console. */
export const SUGGEST_LIMIT = 8;
/** The visitor's last messages that make the question when no words are typed. */
const QUESTION_MESSAGES = 3;

const locale = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'A language tag such as en or pt-BR')
  .max(35);

export const suggestQuery = z.object({
  q: z.string().max(500).optional(),
  conversationId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/)
    .optional(),
  locale: locale.optional(),
});
export type SuggestQuery = z.infer<typeof suggestQuery>;

export const suggestionSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  excerpt: z.string().describe('The paragraph that best answers the question, plain text'),
  url: z.string().describe('The article’s absolute public address on the help centre'),
  locale: z.string(),
  coverage: z.number().describe('Share of the question the article covers, 0–1'),
});
export type SuggestionDto = z.infer<typeof suggestionSchema>;

export const insertedInput = z.object({
  conversationId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  what: z.enum(['link', 'excerpt']),
});
export type InsertedInput = z.infer<typeof insertedInput>;

/** The published articles that answer the typed words, or the conversation's last visitor messages. */
export async function suggestArticles(ctx: Context, actor: Operator, q: SuggestQuery, origin: string): Promise<SuggestionDto[]> {
  authorize(actor, 'article.view');
  let text = q.q?.trim() ?? '';
  let language = q.locale;
  if (q.conversationId) {
    const conversation = await visibleConversationRow(ctx, actor, q.conversationId);
    if (!text) {
      const rows = await ctx.db
        .selectFrom('messages')
        .select('body')
        .where('workspace_id', '=', actor.workspaceId)
        .where('conversation_id', '=', conversation.id)
        .where('author_kind', '=', 'visitor')
        .where('kind', '=', 'text')
        .orderBy('seq', 'desc')
        .limit(QUESTION_MESSAGES)
        .execute();
      text = rows
        .map((r) => r.body)
        .reverse()
        .join('\n');
    }
    if (!language) {
      const visitor = await ctx.db
        .selectFrom('visitors')
        .select('locale')
        .where('workspace_id', '=', actor.workspaceId)
        .where('id', '=', conversation.visitor_id)
        .executeTakeFirst();
      if (visitor?.locale) language = visitor.locale;
    }
  }
  if (!text.trim()) return [];
  const found = await ctx.articles.find(actor.workspaceId, text, { locale: language, limit: SUGGEST_LIMIT });
  const base = origin.replace(/\/+$/, '');
  return found.map((f) => ({
    id: f.id,
    title: f.title,
    description: f.description,
    excerpt: f.excerpt,
    url: `${base}${f.url}`,
    locale: f.locale,
    coverage: f.coverage,
  }));
}

/** The operator put a link to, or an excerpt of, a published article into a reply of that conversation. */
export async function recordInserted(ctx: Context, actor: Operator, articleId: string, input: InsertedInput): Promise<void> {
  authorize(actor, 'article.view');
  const conversation = await visibleConversationRow(ctx, actor, input.conversationId);
  const article = await findArticle(ctx.db, actor.workspaceId, articleId);
  if (article?.state !== 'published') throw notFound('Article');
  await insertArticleEvent(ctx.db, {
    id: newId(),
    workspace_id: actor.workspaceId,
    article_id: article.id,
    kind: 'inserted',
    source: 'console',
    visitor_id: null,
    operator_id: actor.id,
    conversation_id: conversation.id,
    created_at: ctx.now(),
  });
}
