import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { ownOrigin } from '../http/security.js';
import { insertedInput, recordInserted, suggestArticles, suggestionSchema, suggestQuery } from './article-insert.js';

const tag = 'articles';

/** The console's article search and insertion (F3). */
export const articleInsertRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/articles/suggest',
    operationId: 'suggestArticles',
    summary: 'Published articles that answer the words typed, or the conversation’s last visitor messages (up to 8)',
    tag,
    auth: 'operator',
    query: suggestQuery,
    response: z.object({ items: z.array(suggestionSchema) }),
    handler: async ({ operator, query, req }) => ({ items: await suggestArticles(ctx, operator!, query, ownOrigin(ctx.config, req)) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/articles/:id/inserted',
    operationId: 'recordArticleInserted',
    summary: 'Record that a link to, or an excerpt of, a published article went into a reply of a conversation',
    tag,
    auth: 'operator',
    params: idParam,
    body: insertedInput,
    handler: async ({ operator, params, body }) => recordInserted(ctx, operator!, params.id, body),
  }),
];
