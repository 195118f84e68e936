/** Reading the catalogue: operators search it to insert products in a reply. */
import type { ProductDto, ProductImportPreview, ProductImportResult, ProductProblem } from '@switchboard/protocol';
import type { z } from 'zod';
import type { Context } from '../context.js';
import { AppError, badRequest, notFound } from '../errors.js';
import type { Page } from '../http/cursor.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { presentProduct } from './product.presenter.js';
import type { productInputSchema } from './product.js';
import { checkProduct, toProblem, unknownRelations } from './product-check.js';
import { planProductImport } from './product-import.js';
import { deleteProduct, existingIds, findProduct, listCategories, relationsOf, saveProducts, searchProducts } from './product.repository.js';

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

const refused = (problems: ProductProblem[], message: string) =>
  new AppError('validation_failed', message, {
    details: problems.map((p) => ({ in: 'body', path: p.column ?? 'file', ...p })),
  });

/** Creates or replaces one product (admins); related products must be in the catalogue. */
export async function putProduct(ctx: Context, actor: Operator, id: string, input: z.output<typeof productInputSchema>): Promise<ProductDto> {
  authorize(actor, 'product.manage');
  const { product, problems } = checkProduct({
    id,
    ...input,
    accessories: input.related?.accessories,
    alternatives: input.related?.alternatives,
  });
  if (!product) {
    const list = problems.map((p) => toProblem(p, undefined, p.field === 'accessories' || p.field === 'alternatives' ? `related.${p.field}` : p.field));
    throw refused(list, list.map((p) => p.message).join('; '));
  }
  const now = ctx.now();
  const created = await ctx.db.transaction().execute(async (trx) => {
    const known = await existingIds(trx, actor.workspaceId, [id, ...product.accessories, ...product.alternatives]);
    const missing = unknownRelations(product, (x) => known.has(x)).map((p) => toProblem(p, undefined, `related.${p.field}`));
    if (missing.length) throw refused(missing, missing.map((p) => p.message).join('; '));
    await saveProducts(trx, actor.workspaceId, [product], now);
    return !known.has(id);
  });
  ctx.events.emit({ type: created ? 'product.created' : 'product.updated', workspaceId: actor.workspaceId, productIds: [id] });
  return getProduct(ctx, actor, id);
}

/** Deletes a product and its relations, both ways (admins). */
export async function removeProduct(ctx: Context, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'product.manage');
  const gone = await ctx.db.transaction().execute((trx) => deleteProduct(trx, actor.workspaceId, id));
  if (!gone) throw notFound('Product');
  ctx.events.emit({ type: 'product.deleted', workspaceId: actor.workspaceId, productIds: [id] });
}

export async function productCategories(ctx: Context, actor: Operator): Promise<{ items: string[] }> {
  authorize(actor, 'product.view');
  return { items: await listCategories(ctx.db, actor.workspaceId) };
}

/** A catalogue CSV checked: the columns read, the first products as stored, every bad row. Nothing is written. */
export async function previewProductImport(ctx: Context, actor: Operator, text: string): Promise<ProductImportPreview> {
  authorize(actor, 'product.manage');
  const { products: _p, ...preview } = await planProductImport(ctx.db, actor.workspaceId, text, ctx.now());
  return preview;
}

/** Imports a catalogue CSV all or nothing: one bad row refuses the whole file (the report in `details`); existing ids are replaced. */
export async function importProducts(ctx: Context, actor: Operator, text: string): Promise<ProductImportResult> {
  authorize(actor, 'product.manage');
  const now = ctx.now();
  const plan = await planProductImport(ctx.db, actor.workspaceId, text, now);
  if (plan.problems.length) {
    throw refused(plan.problems, `${plan.refused.toLocaleString('en')} ${plan.refused === 1 ? 'row has' : 'rows have'} problems: nothing was imported`);
  }
  const ids = plan.products.map((p) => p.id);
  const result = await ctx.db.transaction().execute(async (trx) => {
    // Checked again inside the transaction: a related product deleted meanwhile refuses the file too.
    const inFile = new Set(ids);
    const known = await existingIds(trx, actor.workspaceId, [...ids, ...plan.products.flatMap((p) => [...p.accessories, ...p.alternatives])]);
    const missing = plan.products.flatMap((p) => unknownRelations(p, (x) => inFile.has(x) || known.has(x)).map((x) => toProblem(x, undefined, x.field)));
    if (missing.length) throw refused(missing, 'A related product was deleted meanwhile: nothing was imported');
    await saveProducts(trx, actor.workspaceId, plan.products, now);
    return { created: ids.filter((id) => !known.has(id)), updated: ids.filter((id) => known.has(id)) };
  });
  if (result.created.length) ctx.events.emit({ type: 'product.created', workspaceId: actor.workspaceId, productIds: result.created });
  if (result.updated.length) ctx.events.emit({ type: 'product.updated', workspaceId: actor.workspaceId, productIds: result.updated });
  return { created: result.created.length, updated: result.updated.length };
}
