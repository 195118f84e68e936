/**
 * The catalogue's reading side on every storage backend: search by words in
 * any field (a `%` or `_` typed is a character, not a wildcard), by category,
 * name order with a keyset cursor, relations, and workspace scoping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/storage.js';
import { type DatabaseHandle, migrate } from '../src/db/database.js';
import { toProductCard } from '../src/product/product-card.js';
import { findProducts, relationsOf, searchProducts } from '../src/product/product.repository.js';
import type { ProductTable } from '../src/product/product.table.js';

const row = (ws: string, id: string, name: string, extra: Partial<ProductTable> = {}): ProductTable => ({
  workspace_id: ws,
  id,
  name,
  description: '',
  price_minor: 1000,
  currency: 'EUR',
  image_url: null,
  page_url: null,
  category: null,
  tags: '[]',
  stock: 'in_stock',
  attributes: '{}',
  created_at: 1,
  updated_at: 2,
  ...extra,
});

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('catalogue on $name', (backend) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  const ws = `ws-${backend.name.replace(/\W+/g, '-')}`;
  const other = `${ws}-other`;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    await migrate(handle.db, handle.sqlite);
    const db = handle.db;
    for (const id of [ws, other])
      await db
        .insertInto('workspaces')
        .values({ id, name: id, created_at: 1 } as never)
        .execute();
    await db
      .insertInto('products')
      .values([
        row(ws, 'lamp-1', 'Desk lamp', { category: 'Lighting', tags: '["led","office"]', image_url: 'https://shop.example/l.png' }),
        row(ws, 'lamp-2', 'Floor lamp', { category: 'Lighting', description: '100% brass' }),
        row(ws, 'bulb', 'LED bulb', { category: 'Parts', page_url: 'javascript:alert(1)' }),
        row(ws, 'chair', 'Office chair', { category: 'Seating' }),
        row(other, 'lamp-9', 'Desk lamp (other workspace)'),
      ])
      .execute();
    await db
      .insertInto('product_relations')
      .values([
        { workspace_id: ws, product_id: 'lamp-1', related_id: 'bulb', kind: 'accessory' },
        { workspace_id: ws, product_id: 'lamp-1', related_id: 'lamp-2', kind: 'alternative' },
      ])
      .execute();
  });
  afterAll(async () => cleanup?.());

  it('finds by words in any field, within the workspace only', async () => {
    const names = async (q: string, category?: string) => (await searchProducts(handle.db, { workspaceId: ws, q, category, limit: 10 })).map((r) => r.id);
    expect(await names('lamp')).toEqual(['lamp-1', 'lamp-2']);
    expect(await names('led')).toEqual(['lamp-1', 'bulb']);
    expect(await names('office desk')).toEqual(['lamp-1']);
    expect(await names('100%')).toEqual(['lamp-2']);
    expect(await names('%')).toEqual(['lamp-2']);
    expect(await names('', 'Lighting')).toEqual(['lamp-1', 'lamp-2']);
    expect((await findProducts(handle.db, ws, ['lamp-1', 'lamp-9'])).map((r) => r.id)).toEqual(['lamp-1']);
  });

  it('pages by name with a cursor', async () => {
    const first = await searchProducts(handle.db, { workspaceId: ws, limit: 2 });
    const last = first.at(-1)!;
    const next = await searchProducts(handle.db, { workspaceId: ws, limit: 10, after: { name: last.name, id: last.id } });
    expect([...first, ...next].map((r) => r.name)).toEqual(['Desk lamp', 'Floor lamp', 'LED bulb', 'Office chair']);
  });

  it('makes cards with the checked image path and only http(s) pages', async () => {
    const [lamp] = await findProducts(handle.db, ws, ['lamp-1']);
    expect(toProductCard(lamp!).imageUrl).toBe(`/api/v1/product-images/${ws}/lamp-1?v=2`);
    const [bulb] = await findProducts(handle.db, ws, ['bulb']);
    expect(toProductCard(bulb!).pageUrl).toBeNull();
    expect((await relationsOf(handle.db, ws, ['lamp-1'])).map((r) => `${r.kind}:${r.related_id}`).sort()).toEqual(['accessory:bulb', 'alternative:lamp-2']);
  });
});
