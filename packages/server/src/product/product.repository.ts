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
