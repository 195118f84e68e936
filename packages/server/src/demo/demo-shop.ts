/**
 * The demo shop's catalogue and a year of its orders (the seeded generator of
 * the assist engine: Acme Outdoor's tents, boots, jackets… with accessories
 * and alternatives), so that product suggestions (E3) have something to
 * suggest from at once. Images are left out: the demo shop's host is not a
 * real one. About 2,000 rows in one transaction, a few hundred milliseconds.
 */
import { demoShop } from '@switchboard/assist';
import type { Context } from '../context.js';
import { newId } from '../ids.js';

const BATCH = 200;

export async function seedDemoShop(ctx: Context): Promise<void> {
  const inbox = await ctx.db.selectFrom('inboxes').select(['id', 'workspace_id']).orderBy('created_at').limit(1).executeTakeFirst();
  if (!inbox) return;
  const now = ctx.now();
  const shop = demoShop({ endAt: now });
  const ws = inbox.workspace_id;
  await ctx.db.transaction().execute(async (trx) => {
    const products = shop.products.map((p) => ({
      workspace_id: ws,
      id: p.id,
      name: p.name,
      description: p.description,
      price_minor: p.priceMinor,
      currency: p.currency,
      image_url: null,
      page_url: p.pageUrl,
      category: p.category,
      tags: JSON.stringify(p.tags),
      stock: p.stock,
      attributes: JSON.stringify(p.attributes),
      created_at: now,
      updated_at: now,
    }));
    const relations = shop.relations.map((r) => ({ workspace_id: ws, product_id: r.productId, related_id: r.relatedId, kind: r.kind }));
    const orders = shop.orders.map((o) => ({
      id: newId(),
      workspace_id: ws,
      inbox_id: inbox.id,
      visitor_id: `demo-${o.customerId}`,
      contact_id: null,
      order_id: o.orderId,
      value_minor: o.valueMinor,
      currency: 'EUR',
      items: JSON.stringify(o.items),
      verified: 0,
      created_at: o.at,
    }));
    for (let i = 0; i < products.length; i += BATCH)
      await trx
        .insertInto('products')
        .values(products.slice(i, i + BATCH))
        .execute();
    for (let i = 0; i < relations.length; i += BATCH)
      await trx
        .insertInto('product_relations')
        .values(relations.slice(i, i + BATCH))
        .execute();
    for (let i = 0; i < orders.length; i += BATCH)
      await trx
        .insertInto('purchases')
        .values(orders.slice(i, i + BATCH))
        .execute();
  });
}
