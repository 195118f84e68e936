/** Reading the catalogue: operators search it to insert products in a reply. */
import type { ProductDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import type { Page } from '../http/cursor.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { presentProduct } from './product.presenter.js';
import { findProduct, relationsOf, searchProducts } from './product.repository.js';

/** Products are listed by name: the cursor is the (name, id) of the last one. */
const encodeCursor = (c: { name: string; id: string }) => Buffer.from(JSON.stringify([c.name, c.id])).toString('base64url');
function decodeCursor(cursor: string): { name: string; id: string } {
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string') return { name: v[0], id: v[1] };
  } catch {
    /* below */
  }
  throw badRequest('Invalid cursor');
}

export async function listProducts(
  ctx: Context,
  actor: Operator,
  q: { q?: string | undefined; category?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<ProductDto>> {
  authorize(actor, 'product.view');
  const after = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await searchProducts(ctx.db, {
    workspaceId: actor.workspaceId,
    q: q.q,
    category: q.category,
    after,
    limit: q.limit + 1,
  });
  const items = rows.slice(0, q.limit);
  const relations = await relationsOf(
    ctx.db,
    actor.workspaceId,
    items.map((r) => r.id),
  );
  const last = items.at(-1);
  return {
    items: items.map((r) => presentProduct(r, relations)),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ name: last.name, id: last.id }) : null,
  };
}

export async function getProduct(ctx: Context, actor: Operator, id: string): Promise<ProductDto> {
  authorize(actor, 'product.view');
  const row = await findProduct(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Product');
  return presentProduct(row, await relationsOf(ctx.db, actor.workspaceId, [row.id]));
}
