/**
 * A product as cards show it (protocol ProductCard): the snapshot rich
 * messages keep and product suggestions offer. The image is never the shop's
 * address but the server's checked copy (product-image route), and only an
 * http(s) page URL is kept.
 */
import type { ProductCard } from '@switchboard/protocol';
import type { ProductRow } from './product.table.js';

/** The path of the server's checked copy of a product's image; `v` changes when the product does, so caches refresh. */
export const productImagePath = (workspaceId: string, productId: string, updatedAt: number): string =>
  `/api/v1/product-images/${encodeURIComponent(workspaceId)}/${encodeURIComponent(productId)}?v=${Number(updatedAt)}`;

export function httpUrlOrNull(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

export function parseAttributes(json: string): Record<string, string | number> {
  try {
    const v = JSON.parse(json) as unknown;
    if (!v || typeof v !== 'object' || Array.isArray(v)) return {};
    const out: Record<string, string | number> = {};
    for (const [k, x] of Object.entries(v)) if (typeof x === 'string' || typeof x === 'number') out[k] = x;
    return out;
  } catch {
    return {};
  }
}

export function parseTags(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function toProductCard(row: ProductRow): ProductCard {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    priceMinor: Number(row.price_minor),
    currency: row.currency,
    imageUrl: httpUrlOrNull(row.image_url) ? productImagePath(row.workspace_id, row.id, Number(row.updated_at)) : null,
    pageUrl: httpUrlOrNull(row.page_url),
    category: row.category,
    stock: row.stock,
    attributes: parseAttributes(row.attributes),
  };
}
