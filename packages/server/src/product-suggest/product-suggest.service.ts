/** Products to suggest beside a conversation (E3), for an operator who may see it. */
import type { ProductSuggestionsDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { toProductCard } from '../product/product-card.js';
import type { EngineCache } from './engine-cache.js';
import { boughtBy, pagesOf, visitorTexts } from './product-suggest.repository.js';

export async function productSuggestions(
  ctx: Context,
  cache: EngineCache,
  actor: Operator,
  conversationId: string,
  limit: number,
): Promise<ProductSuggestionsDto> {
  authorize(actor, 'product.view');
  const c = await visibleConversationRow(ctx, actor, conversationId);
  const { engine, rows } = await cache.of(ctx.db, actor.workspaceId);
  if (engine.size === 0) return { context: null, suggestions: [], catalogue: false };
  const [pageUrls, texts, bought] = await Promise.all([
    pagesOf(ctx.db, actor.workspaceId, c.visitor_id),
    visitorTexts(ctx.db, actor.workspaceId, c.id),
    boughtBy(ctx.db, actor.workspaceId, c.visitor_id),
  ]);
  const result = engine.suggest({ pageUrls, visitorTexts: texts, boughtIds: bought, limit });
  const contextRow = result.contextIds[0] ? rows.get(result.contextIds[0]) : undefined;
  return {
    context: contextRow ? toProductCard(contextRow) : null,
    suggestions: result.suggestions.flatMap((s) => {
      const row = rows.get(s.productId);
      return row ? [{ product: toProductCard(row), kind: s.kind, reason: s.reason, anchorId: s.anchorId }] : [];
    }),
    catalogue: true,
  };
}
