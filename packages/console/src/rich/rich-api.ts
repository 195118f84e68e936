/** The catalogue as the composer searches it, and what a pending rich block is (E2). */
import { formatMoney, type ProductDto, RICH_LIMITS, type RichRequest } from '@switchboard/protocol';
import { type Page, request } from '../api';

export const searchProducts = (q: string) => request<Page<ProductDto>>('GET', `/products?q=${encodeURIComponent(q)}&limit=20`);

/** The names of the products a block asks for (a block added by product suggestions comes with ids only); unknown ids are left out. */
export async function productNames(r: RichRequest): Promise<Record<string, string>> {
  const ids = r.type === 'product' ? [r.productId] : r.type === 'quick_replies' ? [] : r.productIds;
  const found = await Promise.all(
    ids.map((id) =>
      request<ProductDto>('GET', `/products/${encodeURIComponent(id)}`).then(
        (p) => [id, p.name] as const,
        () => null,
      ),
    ),
  );
  return Object.fromEntries(found.filter((f) => f !== null));
}

export type BlockKind = 'product' | 'carousel' | 'comparison';

/** Which block kinds a number of chosen products fits. */
export function fits(kind: BlockKind, n: number): boolean {
  if (kind === 'product') return n === 1;
  if (kind === 'carousel') return n >= RICH_LIMITS.carouselMin && n <= RICH_LIMITS.carouselMax;
  return n >= RICH_LIMITS.comparisonMin && n <= RICH_LIMITS.comparisonMax;
}

export function requestOf(kind: BlockKind, ids: string[]): RichRequest {
  if (kind === 'product') return { type: 'product', productId: ids[0] as string };
  return kind === 'carousel' ? { type: 'carousel', productIds: ids } : { type: 'comparison', productIds: ids };
}

/** The pending block as the composer names it: "Comparison: Desk lamp, Floor lamp". */
export function describeRequest(r: RichRequest, names: Record<string, string> = {}): string {
  const name = (id: string) => names[id] ?? id;
  switch (r.type) {
    case 'product':
      return `Product card: ${name(r.productId)}`;
    case 'carousel':
      return `Carousel: ${r.productIds.map(name).join(', ')}`;
    case 'comparison':
      return `Comparison: ${r.productIds.map(name).join(', ')}`;
    case 'quick_replies':
      return `Quick replies: ${r.options.join(' · ')}`;
  }
}

/** Options typed one per line: trimmed, blank lines left out. */
export const optionsOf = (text: string): string[] =>
  text
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean);

export const price = (p: { priceMinor: number; currency: string }) => formatMoney(p.priceMinor, p.currency, navigator.language || 'en');

/** The text the sender wrote above a rich block (the body's plain-text rendering follows it after a blank line). */
export const richText = (body: string): string => {
  const i = body.lastIndexOf('\n\n');
  return i < 0 ? '' : body.slice(0, i);
};
