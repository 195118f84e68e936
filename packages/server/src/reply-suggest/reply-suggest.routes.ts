import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { ownOrigin } from '../http/security.js';
import { recordSuggestionEvent, statsDto, statsQuery, suggestionEventInput, suggestionsDto, suggestionsFor, suggestionStats } from './reply-suggest.js';

const tag = 'conversations';

/** Reply suggestions (G1). */
export const replySuggestRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/conversations/:id/suggestions',
    operationId: 'getReplySuggestions',
    summary: 'Up to three suggested replies to the conversation’s latest visitor message, each with its source (only earlier answers the caller may see)',
    tag,
    auth: 'operator',
    params: idParam,
    response: suggestionsDto,
    handler: async ({ operator, params, req }) => suggestionsFor(ctx, operator!, params.id, ownOrigin(ctx.config, req)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/suggestions/events',
    operationId: 'recordReplySuggestionEvent',
    summary: 'Record what the operator did with a suggestion: shown, inserted, sent as inserted, edited before sending, or ignored',
    tag,
    auth: 'operator',
    params: idParam,
    body: suggestionEventInput,
    handler: async ({ operator, params, body }) => recordSuggestionEvent(ctx, operator!, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/assist/suggestions/stats',
    operationId: 'getReplySuggestionStats',
    summary: 'How reply suggestions were used over the last days: shown, inserted, sent unedited, edited, ignored (owners, admins, supervisors)',
    tag: 'articles',
    auth: 'operator',
    query: statsQuery,
    response: statsDto,
    handler: async ({ operator, query }) => suggestionStats(ctx, operator!, query.days),
  }),
];
