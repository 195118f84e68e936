import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { searchQuery, searchResultSchema } from './search.schemas.js';
import { search } from './search.service.js';

export const searchRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/search',
    operationId: 'search',
    summary: 'Search messages, private notes, contacts and articles the operator may see, best match first, with the matches to highlight',
    tag: 'search',
    auth: 'operator',
    query: searchQuery,
    response: searchResultSchema,
    handler: async ({ operator, query }) => search(ctx, operator!, query),
  }),
];
