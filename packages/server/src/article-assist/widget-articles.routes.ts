/** The widget's article routes (F2): suggestions as the visitor types, an article read in the chat, "Did this help?". */
import { z } from 'zod';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { addressLimiter, ipLimiter } from '../http/ip-limit.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { localeField } from '../article/article.js';
import type { Visitor } from '../visitor/visitor.js';
import { readArticle, suggestArticles, voteArticle } from './widget-articles.js';

const suggestionSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  excerpt: z.string().describe('The paragraph that best answers the question, plain text'),
});
const articleSchema = z.object({
  id: z.string(),
  title: z.string(),
  html: z.string().describe('The article rendered and sanitised on the server (an allow-list of tags and attributes)'),
  url: z.string().describe('The article’s public help centre address (a path on this server)'),
  locale: z.string(),
});

/** Suggestions are asked for as the visitor types (debounced): a burst, then a few a second. */
const SUGGEST_BURST = 20;
const SUGGEST_PER_SECOND = 2;

export const widgetArticleRoutes = (ctx: Context) => {
  const suggestLimit = addressLimiter(SUGGEST_BURST, SUGGEST_PER_SECOND);
  const readLimit = addressLimiter(30, 1);
  // Many visitors may share an address (an office): generous, it only stops one machine asking with many tokens.
  const perAddress = ipLimiter(300, 30);
  const guard = (limiter: ReturnType<typeof addressLimiter>, visitor: Visitor) => {
    if (!limiter.take(visitor.id)) throw new AppError('rate_limited', 'Too many requests; try again in a second');
  };
  return [
    route({
      method: 'GET',
      url: '/api/v1/widget/articles/suggest',
      operationId: 'suggestWidgetArticles',
      summary:
        'Up to three published articles that answer what the visitor is typing, in their language first; fewer than 3 characters (trimmed) give none. Called as the visitor types',
      tag: 'widget',
      auth: 'visitor',
      limit: perAddress,
      query: z.object({
        q: z.string().trim().max(500, 'Keep the question under 500 characters').describe('What the visitor typed so far'),
        locale: localeField.optional().describe('The visitor’s language (the widget’s): its articles come first'),
      }),
      response: z.object({ items: z.array(suggestionSchema) }),
      handler: async ({ visitor, query }) => {
        guard(suggestLimit, visitor!);
        return { items: await suggestArticles(ctx, visitor!, query.q, query.locale) };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/widget/articles/:id',
      operationId: 'readWidgetArticle',
      summary: 'A published article of the workspace, rendered for reading in the widget; records a view',
      tag: 'widget',
      auth: 'visitor',
      limit: perAddress,
      params: idParam,
      response: articleSchema,
      handler: async ({ visitor, params }) => {
        guard(readLimit, visitor!);
        return readArticle(ctx, visitor!, params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/widget/articles/:id/vote',
      operationId: 'voteWidgetArticle',
      summary: '"Did this help?": the visitor’s answer for a published article; answering again replaces it',
      tag: 'widget',
      auth: 'visitor',
      limit: perAddress,
      params: idParam,
      body: z.object({ helpful: z.boolean() }),
      handler: async ({ visitor, params, body }) => {
        guard(readLimit, visitor!);
        await voteArticle(ctx, visitor!, params.id, body.helpful);
      },
    }),
  ];
};
