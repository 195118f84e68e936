/**
 * What product suggestions read, every query scoped to the workspace,
 * bounded and served by an index: the catalogue (products_pk), its relations
 * (product_relations_pk), the recent tracked orders (purchases_time), a
 * visitor's orders (purchases_visitor), pages (page_views by visitor) and
 * messages (messages by conversation and seq).
 */
import type { Basket, CatalogueProduct, CatalogueRelation } from '@switchboard/assist';
import type { Db } from '../db/database.js';
import { parseAttributes, parseTags } from '../product/product-card.js';
import type { ProductRow } from '../product/product.table.js';

export const MAX_PRODUCTS = 20_000;
export const MAX_ORDERS = 20_000;

/** Changes whenever a product or an order is added, changed or removed: when the cached engine must be rebuilt. */
export async function catalogueStamp(db: Db, workspaceId: string): Promise<string> {
  const [p, o, r] = await Promise.all([
    db
      .selectFrom('products')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('updated_at').as('t')])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst(),
    db
      .selectFrom('purchases')
      .select((eb) => [eb.fn.countAll<string>().as('n'), eb.fn.max('created_at').as('t')])
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst(),
    db
      .selectFrom('product_relations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .executeTakeFirst(),
  ]);
  return [p?.n, p?.t, o?.n, o?.t, r?.n].map((x) => Number(x ?? 0)).join(':');
}

export async function catalogueOf(db: Db, workspaceId: string): Promise<{ rows: ProductRow[]; relations: CatalogueRelation[] }> {
  const [rows, relations] = await Promise.all([
    db.selectFrom('products').selectAll().where('workspace_id', '=', workspaceId).orderBy('id').limit(MAX_PRODUCTS).execute(),
    db
      .selectFrom('product_relations')
      .select(['product_id', 'related_id', 'kind'])
      .where('workspace_id', '=', workspaceId)
      .limit(MAX_PRODUCTS * 10)
      .execute(),
  ]);
  return { rows, relations: relations.map((r) => ({ productId: r.product_id, relatedId: r.related_id, kind: r.kind })) };
}

export const toCatalogueProduct = (r: ProductRow): CatalogueProduct => ({
  id: r.id,
  name: r.name,
  description: r.description,
  category: r.category,
  priceMinor: Number(r.price_minor),
  currency: r.currency,
  stock: r.stock,
  tags: parseTags(r.tags),
  attributes: parseAttributes(r.attributes),
  pageUrl: r.page_url,
});

/** The newest tracked orders as baskets of product ids. */
export async function recentBaskets(db: Db, workspaceId: string, limit = MAX_ORDERS): Promise<Basket[]> {
  const rows = await db
    .selectFrom('purchases')
    .select(['visitor_id', 'contact_id', 'created_at', 'items'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ customerId: r.contact_id ?? r.visitor_id, at: Number(r.created_at), productIds: itemIds(r.items) }));
}

export function itemIds(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    if (!Array.isArray(v)) return [];
    return v.flatMap((i) =>
      i && typeof i === 'object' && typeof (i as { productId?: unknown }).productId === 'string' ? [(i as { productId: string }).productId] : [],
    );
  } catch {
    return [];
  }
}

/** Products the visitor bought (their last 50 orders). */
export async function boughtBy(db: Db, workspaceId: string, visitorId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('purchases')
    .select('items')
    .where('workspace_id', '=', workspaceId)
    .where('visitor_id', '=', visitorId)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
  return [...new Set(rows.flatMap((r) => itemIds(r.items)))];
}

/** The visitor's current page, then the pages before it, newest first. */
export async function pagesOf(db: Db, workspaceId: string, visitorId: string): Promise<string[]> {
  const [visitor, views] = await Promise.all([
    db.selectFrom('visitors').select('page_url').where('workspace_id', '=', workspaceId).where('id', '=', visitorId).executeTakeFirst(),
    db
      .selectFrom('page_views')
      .select('url')
      .where('workspace_id', '=', workspaceId)
      .where('visitor_id', '=', visitorId)
      .orderBy('started_at', 'desc')
      .orderBy('id', 'desc')
      .limit(10)
      .execute(),
  ]);
  const urls = [visitor?.page_url, ...views.map((v) => v.url)].filter((u): u is string => !!u);
  return [...new Set(urls)];
}

/** The conversation's latest visitor text messages, oldest first. */
export async function visitorTexts(db: Db, workspaceId: string, conversationId: string, limit = 10): Promise<string[]> {
  const rows = await db
    .selectFrom('messages')
    .select('body')
    .where('conversation_id', '=', conversationId)
    .where('workspace_id', '=', workspaceId)
    .where('author_kind', '=', 'visitor')
    .where('kind', '=', 'text')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.body).reverse();
}
