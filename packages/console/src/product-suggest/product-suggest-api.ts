/**
 * Product suggestions (E3) in the console: fetched for a conversation (again
 * when the visitor's page changes or they write), and turned into what the
 * composer inserts (a RichRequest in an INSERT_RICH_EVENT window event).
 */
import { INSERT_RICH_EVENT, type ProductSuggestionsDto, type RichRequest } from '@switchboard/protocol';
import { request } from '../api';

export async function fetchProductSuggestions(conversationId: string): Promise<ProductSuggestionsDto> {
  return request('GET', `/conversations/${encodeURIComponent(conversationId)}/product-suggestions`);
}

export const cardRequest = (productId: string): RichRequest => ({ type: 'product', productId });

/** The product in context beside the suggested one; null when there is none to compare with. */
export function comparisonRequest(contextId: string | null, productId: string): RichRequest | null {
  return contextId && contextId !== productId ? { type: 'comparison', productIds: [contextId, productId] } : null;
}

/** Asks the composer to add the block to the reply. */
export function insertRich(detail: RichRequest): void {
  window.dispatchEvent(new CustomEvent<RichRequest>(INSERT_RICH_EVENT, { detail }));
}

/** Only the server's checked copy (a path of its own) or an http(s) address is shown as an image. */
export function imageSrc(url: string | null): string | null {
  if (!url) return null;
  if (url.startsWith('/api/v1/product-images/')) return url;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}
