/**
 * What product suggestions read, on every storage backend: the stamp that
 * moves when products, relations or orders change, the catalogue, recent
 * orders as baskets (bigints as numbers on PostgreSQL), a visitor's products
 * bought, pages and words, each within its workspace.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/storage.js';
import { type DatabaseHandle, migrate } from '../src/db/database.js';
import {
  boughtBy,
  catalogueOf,
  catalogueStamp,
  itemIds,
  pagesOf,
  recentBaskets,
  toCatalogueProduct,
  visitorTexts,
} from '../src/product-suggest/product-suggest.repository.js';

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('product suggestions storage on $name', (backend) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  const ws = `ws-${backend.name.replace(/\W+/g, '-')}`;
  const other = `${ws}-other`;
  const purchase = (w: string, id: string, visitor: string, at: number, items: string[]) => ({
    id: `${w}-${id}`,
    workspace_id: w,
    inbox_id: 'i',
    visitor_id: visitor,
    contact_id: null,
    order_id: id,
    value_minor: 100,
    currency: 'EUR',
    items: JSON.stringify(items.map((productId) => ({ productId, quantity: 1 }))),
    verified: 0,
    created_at: at,
  });

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    await migrate(handle.db, handle.sqlite);
    const db = handle.db;
    for (const id of [ws, other])
      await db
        .insertInto('workspaces')
        .values({ id, name: id, created_at: 1 } as never)
        .execute();
    const p = (w: string, id: string) => ({
      workspace_id: w,
      id,
      name: id,
      description: '',
      price_minor: 1999,
      currency: 'EUR',
      image_url: null,
      page_url: `https://shop.example/${id}`,
      category: 'Lighting',
      tags: '["led"]',
      stock: 'in_stock' as const,
      attributes: '{"watts":5}',
      created_at: 1,
      updated_at: 5,
    });
    await db
      .insertInto('products')
      .values([p(ws, 'lamp'), p(ws, 'bulb'), p(other, 'chair')])
      .execute();
    await db.insertInto('product_relations').values({ workspace_id: ws, product_id: 'lamp', related_id: 'bulb', kind: 'accessory' }).execute();
    await db
      .insertInto('purchases')
      .values([purchase(ws, 'o1', 'v1', 10, ['lamp', 'bulb']), purchase(ws, 'o2', 'v2', 20, ['lamp']), purchase(other, 'o3', 'v1', 30, ['chair'])])
      .execute();
  });
  afterAll(async () => cleanup?.());

  it('reads the catalogue and recent orders of the workspace only', async () => {
    const { rows, relations } = await catalogueOf(handle.db, ws);
    expect(rows.map((r) => r.id)).toEqual(['bulb', 'lamp']);
    expect(toCatalogueProduct(rows[1]!)).toMatchObject({ priceMinor: 1999, tags: ['led'], attributes: { watts: 5 } });
    expect(relations).toEqual([{ productId: 'lamp', relatedId: 'bulb', kind: 'accessory' }]);
    expect(await recentBaskets(handle.db, ws)).toEqual([
      { customerId: 'v2', at: 20, productIds: ['lamp'] },
      { customerId: 'v1', at: 10, productIds: ['lamp', 'bulb'] },
    ]);
    expect(await boughtBy(handle.db, ws, 'v1')).toEqual(['lamp', 'bulb']);
    expect(itemIds('not json')).toEqual([]);
  });

  it('moves the stamp when a product, a relation or an order changes', async () => {
    const db = handle.db;
    const first = await catalogueStamp(db, ws);
    expect(first).toBe('2:5:2:20:1');
    await db.updateTable('products').set({ updated_at: 9 }).where('workspace_id', '=', ws).where('id', '=', 'bulb').execute();
    const second = await catalogueStamp(db, ws);
    expect(second).not.toBe(first);
    await db
      .insertInto('purchases')
      .values(purchase(ws, 'o4', 'v3', 15, ['bulb']))
      .execute();
    const third = await catalogueStamp(db, ws);
    expect(third).not.toBe(second);
    await db.deleteFrom('product_relations').where('workspace_id', '=', ws).execute();
    expect(await catalogueStamp(db, ws)).not.toBe(third);
  });

  it('reads a visitor’s pages and a conversation’s visitor words', async () => {
    const db = handle.db;
    expect(await pagesOf(db, ws, 'nobody')).toEqual([]);
    expect(await visitorTexts(db, ws, 'no-conversation')).toEqual([]);
  });
});
