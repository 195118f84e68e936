import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { EngineCache } from './engine-cache.js';
import { productSuggestionsDto, productSuggestionsQuery } from './product-suggest.js';
import { productSuggestions } from './product-suggest.service.js';

/** Product suggestions beside the conversation (E3). */
export const productSuggestRoutes = (ctx: Context) => {
  const cache = new EngineCache();
  return [
    route({
      method: 'GET',
      url: '/api/v1/conversations/:id/product-suggestions',
      operationId: 'getProductSuggestions',
      summary:
        'Products to suggest in the conversation, each with its reason: cross-sell (catalogue accessories, bought together), up-sell (the next better product within a price step), matches of what the visitor asks for',
      tag: 'conversations',
      auth: 'operator',
      params: idParam,
      query: productSuggestionsQuery,
      response: productSuggestionsDto,
      handler: async ({ operator, params, query }) => productSuggestions(ctx, cache, operator!, params.id, query.limit),
    }),
  ];
};
