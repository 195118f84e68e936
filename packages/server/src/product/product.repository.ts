/** SQL of the catalogue (migration 0043): every query scoped to its workspace and served by an index. */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { ProductRelationRow, ProductRow } from './product.table.js';

/** The workspace's products with these ids (unknown ids are left out), in no particular order. */
export async function findProducts(db: Db, workspaceId: string, ids: readonly string[]): Promise<ProductRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('products')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function findProduct(db: Db, workspaceId: string, id: string): Promise<ProductRow | undefined> {
  return db.selectFrom('products').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Products by name order after a keyset cursor, optionally in one category and
 * matching words (each word in the id, name, description, category or tags).
 */
export async function searchProducts(
  db: Db,
  p: { workspaceId: string; q?: string | undefined; category?: string | undefined; after?: { name: string; id: string } | undefined; limit: number },
): Promise<ProductRow[]> {
  let q = db.selectFrom('products').selectAll().where('workspace_id', '=', p.workspaceId);
  if (p.category) q = q.where('category', '=', p.category);
  const words = (p.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
  for (const w of words) {
    const like = `%${escapeLike(w)}%`;
    q = q.where((eb) =>
      eb.or((['id', 'name', 'description', 'category', 'tags'] as const).map((c) => sql<boolean>`lower(${eb.ref(c)}) like ${like} escape '\\'`)),
    );
  }
  const after = p.after;
  if (after) q = q.where((eb) => eb.or([eb('name', '>', after.name), eb.and([eb('name', '=', after.name), eb('id', '>', after.id)])]));
  return q.orderBy('name').orderBy('id').limit(p.limit).execute();
}

/** Relations from these products (accessories and alternatives they name). */
export async function relationsOf(db: Db, workspaceId: string, productIds: readonly string[]): Promise<ProductRelationRow[]> {
  if (productIds.length === 0) return [];
  return db
    .selectFrom('product_relations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('product_id', 'in', [...productIds])
    .execute();
}

/** The workspace's categories, in order (for the catalogue's filter). */
export async function listCategories(db: Db, workspaceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('products')
    .select('category')
    .distinct()
    .where('workspace_id', '=', workspaceId)
    .where('category', 'is not', null)
    .orderBy('category')
    .limit(1000)
    .execute();
  return rows.map((r) => r.category!);
}

/** Which of these ids are products of the workspace. */
export async function existingIds(db: Db, workspaceId: string, ids: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('products')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}

/**
 * Creates or replaces products (a product that exists keeps its created_at)
 * and replaces the relations from them; run inside the caller's transaction.
 */
export async function saveProducts(
  db: Db,
  workspaceId: string,
  products: readonly (Omit<ProductRow, 'workspace_id' | 'created_at' | 'updated_at'> & { accessories: string[]; alternatives: string[] })[],
  now: number,
): Promise<void> {
  for (let i = 0; i < products.length; i += 200) {
    const chunk = products.slice(i, i + 200);
    await db
      .insertInto('products')
      .values(chunk.map(({ accessories: _a, alternatives: _b, ...p }) => ({ ...p, workspace_id: workspaceId, created_at: now, updated_at: now })))
      .onConflict((oc) =>
        oc.columns(['workspace_id', 'id']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          description: eb.ref('excluded.description'),
          price_minor: eb.ref('excluded.price_minor'),
          currency: eb.ref('excluded.currency'),
          image_url: eb.ref('excluded.image_url'),
          page_url: eb.ref('excluded.page_url'),
          category: eb.ref('excluded.category'),
          tags: eb.ref('excluded.tags'),
          stock: eb.ref('excluded.stock'),
          attributes: eb.ref('excluded.attributes'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    await db
      .deleteFrom('product_relations')
      .where('workspace_id', '=', workspaceId)
      .where(
        'product_id',
        'in',
        chunk.map((p) => p.id),
      )
      .execute();
    const relations = chunk.flatMap((p) => [
      ...p.accessories.map((related_id) => ({ workspace_id: workspaceId, product_id: p.id, related_id, kind: 'accessory' as const })),
      ...p.alternatives.map((related_id) => ({ workspace_id: workspaceId, product_id: p.id, related_id, kind: 'alternative' as const })),
    ]);
    for (let j = 0; j < relations.length; j += 300)
      await db
        .insertInto('product_relations')
        .values(relations.slice(j, j + 300))
        .execute();
  }
}

/** Removes a product and every relation to or from it; false when there was none. */
export async function deleteProduct(db: Db, workspaceId: string, id: string): Promise<boolean> {
  await db
    .deleteFrom('product_relations')
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('product_id', '=', id), eb('related_id', '=', id)]))
    .execute();
  const r = await db.deleteFrom('products').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
