/**
 * Rich messages (E2), the pure part: a RichRequest (products by id) becomes
 * the RichContent snapshot a message keeps, and the plain-text rendering that
 * goes in its `body` (mail, transcripts, search and old clients read that).
 */
import { formatMoney, type ProductCard, RICH_LIMITS, type RichContent, type RichRequest } from '@switchboard/protocol';
import { richRequest } from '@switchboard/protocol/schema';
import { z } from 'zod';
import { AppError } from '../errors.js';

export { richRequest };

export const richClickInput = z
  .object({
    messageId: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/, 'must be an id'),
    action: z.enum(['view', 'choose', 'quick_reply']),
    productId: z.string().min(1).max(RICH_LIMITS.productIdMaxChars).optional(),
    optionId: z.string().min(1).max(20).optional(),
  })
  .refine((c) => (c.action === 'quick_reply' ? c.optionId !== undefined && c.productId === undefined : c.productId !== undefined && c.optionId === undefined), {
    message: 'A quick reply names its optionId; viewing or choosing a product names its productId',
  });

export type RichClickInput = z.infer<typeof richClickInput>;

export const productNotFound = (ids: string[]) =>
  new AppError('product_not_found', `No product with the id ${ids.map((i) => JSON.stringify(i)).join(', ')} in this workspace's catalogue`, {
    details: { productIds: ids },
  });

/** The ids a request names, in order. */
export function requestedIds(req: RichRequest): string[] {
  if (req.type === 'product') return [req.productId];
  if (req.type === 'quick_replies') return [];
  return req.productIds;
}

/** The attributes a comparison shows: those asked for (each must belong to a product), or the union of the products' own, at most 8. */
export function comparedAttributes(products: ProductCard[], asked: string[] | undefined): string[] {
  const union: string[] = [];
  for (const p of products) for (const k of Object.keys(p.attributes)) if (!union.includes(k)) union.push(k);
  if (!asked) return union.slice(0, RICH_LIMITS.comparisonAttributesMax);
  const unknown = asked.filter((a) => !union.includes(a));
  if (unknown.length)
    throw new AppError('validation_failed', `None of these products has the attribute ${unknown.join(', ')}`, { details: { attributes: unknown } });
  return [...new Set(asked)];
}

/** The snapshot: products in the order asked for (every id must be found), quick replies numbered. */
export function richContent(req: RichRequest, found: Map<string, ProductCard>): RichContent {
  const pick = (ids: string[]) => {
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw productNotFound(missing);
    return ids.map((id) => found.get(id) as ProductCard);
  };
  switch (req.type) {
    case 'product':
      return { type: 'product', product: pick([req.productId])[0] as ProductCard };
    case 'carousel':
      return { type: 'carousel', products: pick(req.productIds) };
    case 'comparison': {
      const products = pick(req.productIds);
      return { type: 'comparison', products, attributes: comparedAttributes(products, req.attributes) };
    }
    case 'quick_replies':
      return { type: 'quick_replies', options: req.options.map((label, i) => ({ id: `o${i + 1}`, label })) };
  }
}

/** One line per product or option: whitespace inside a name is folded, so the text part above a blank line stays apart. */
const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();
const productLine = (p: ProductCard) => [oneLine(p.name), formatMoney(p.priceMinor, p.currency, 'en'), p.pageUrl].filter(Boolean).join(' — ');

/** The plain-text rendering: the sender's text (the question, for quick replies), then a line per product or option. */
export function richBody(text: string, rich: RichContent): string {
  const lines: string[] = [];
  if (rich.type === 'product') lines.push(productLine(rich.product));
  else if (rich.type === 'quick_replies') for (const o of rich.options) lines.push(`- ${oneLine(o.label)}`);
  else for (const p of rich.products) lines.push(`- ${productLine(p)}`);
  const head = text.trim();
  return head ? `${head}\n\n${lines.join('\n')}` : lines.join('\n');
}

/** Does the message's rich content carry this product (view, choose) or option (quick_reply)? */
export function richHas(rich: RichContent, click: RichClickInput): boolean {
  if (click.action === 'quick_reply') return rich.type === 'quick_replies' && rich.options.some((o) => o.id === click.optionId);
  if (rich.type === 'product') return rich.product.id === click.productId;
  if (rich.type === 'quick_replies') return false;
  return rich.products.some((p) => p.id === click.productId);
}
