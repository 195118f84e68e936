/**
 * The catalogue's writing side on every storage backend: create or replace
 * (created_at kept, relations replaced), a CSV plan reading the store,
 * categories, delete with relations both ways, all scoped to the workspace;
 * and a transaction that fails midway leaves nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/storage.js';
import { type DatabaseHandle, migrate } from '../src/db/database.js';
import { checkProduct } from '../src/product/product-check.js';
import { planProductImport } from '../src/product/product-import.js';
import { deleteProduct, existingIds, findProduct, listCategories, relationsOf, saveProducts } from '../src/product/product.repository.js';

const checked = (id: string, extra: Record<string, unknown> = {}) => {
  const r = checkProduct({ id, name: `Product ${id}`, price: '10.5', currency: 'EUR', ...extra });
  if (!r.product) throw new Error(JSON.stringify(r.problems));
  return r.product;
};

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('catalogue writes on $name', (backend) => {
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  const ws = `wsw-${backend.name.replace(/\W+/g, '-')}`;
  const other = `${ws}-other`;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    await migrate(handle.db, handle.sqlite);
    for (const id of [ws, other])
      await handle.db
        .insertInto('workspaces')
        .values({ id, name: id, created_at: 1 } as never)
        .execute();
  });
  afterAll(async () => cleanup?.());

  it('creates, replaces (keeping created_at) and relates', async () => {
    const db = handle.db;
    await saveProducts(
      db,
      ws,
      [checked('b', { category: 'Parts' }), checked('a', { category: 'Lighting', accessories: ['b'], alternatives: ['c'] }), checked('c')],
      100,
    );
    await saveProducts(db, other, [checked('a', { category: 'Elsewhere' })], 100);
    await saveProducts(db, ws, [checked('a', { name: 'Lamp', category: 'Lighting', accessories: ['c'] })], 200);
    const a = await findProduct(db, ws, 'a');
    expect({ name: a!.name, price: Number(a!.price_minor), created: Number(a!.created_at), updated: Number(a!.updated_at) }).toEqual({
      name: 'Lamp',
      price: 1050,
      created: 100,
      updated: 200,
    });
    expect((await relationsOf(db, ws, ['a'])).map((r) => `${r.kind}:${r.related_id}`)).toEqual(['accessory:c']);
    expect(await listCategories(db, ws)).toEqual(['Lighting', 'Parts']);
    expect([...(await existingIds(db, ws, ['a', 'z', 'c']))].sort()).toEqual(['a', 'c']);
  });

  it('plans an import against the store: existing ids are updates, related ids may be rows of the file', async () => {
    const plan = await planProductImport(handle.db, ws, 'id,name,price,currency,accessories\na,Lamp,1,EUR,new-1\nnew-1,New,2,EUR,c\n', 300);
    expect({ creates: plan.creates, updates: plan.updates, problems: plan.problems }).toEqual({ creates: 1, updates: 1, problems: [] });
  });

  it('deletes with relations both ways, in its own workspace only', async () => {
    const db = handle.db;
    expect(await deleteProduct(db, ws, 'c')).toBe(true);
    expect(await relationsOf(db, ws, ['a'])).toEqual([]);
    expect(await deleteProduct(db, ws, 'c')).toBe(false);
    expect(await findProduct(db, other, 'a')).toBeDefined();
  });

  it('leaves nothing when the transaction fails midway', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await saveProducts(trx, ws, [checked('half-1'), checked('half-2')], 400);
        throw new Error('midway');
      }),
    ).rejects.toThrow('midway');
    expect([...(await existingIds(handle.db, ws, ['half-1', 'half-2']))]).toEqual([]);
  });
});
