/** Help centre categories: everyone reads them, editors of the knowledge base change them. */
import type { Context } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { CategoryDto, CreateCategoryInput, UpdateCategoryInput } from './article.js';
import {
  type CategoryRow,
  deleteCategoryRow,
  findCategory,
  findCategoryBySlug,
  insertCategory,
  listCategoryRows,
  updateCategoryRow,
} from './article.repository.js';

export const presentCategory = (r: CategoryRow): CategoryDto => ({ id: r.id, name: r.name, slug: r.slug, description: r.description, position: r.position });

export async function listCategories(ctx: Context, actor: Operator): Promise<CategoryDto[]> {
  authorize(actor, 'article.view');
  return (await listCategoryRows(ctx.db, actor.workspaceId)).map(presentCategory);
}

async function slugFree(ctx: Context, workspaceId: string, slug: string, self?: string): Promise<void> {
  const same = await findCategoryBySlug(ctx.db, workspaceId, slug);
  if (same && same.id !== self) throw conflict(`Another category has the slug ${slug}`);
}

export async function createCategory(ctx: Context, actor: Operator, input: CreateCategoryInput): Promise<CategoryDto> {
  authorize(actor, 'article.manage');
  await slugFree(ctx, actor.workspaceId, input.slug);
  const existing = await listCategoryRows(ctx.db, actor.workspaceId);
  const position = input.position ?? existing.reduce((max, c) => Math.max(max, c.position + 1), 0);
  const now = ctx.now();
  const row: CategoryRow = {
    id: newId(),
    workspace_id: actor.workspaceId,
    name: input.name,
    slug: input.slug,
    description: input.description,
    position,
    created_at: now,
    updated_at: now,
  };
  await insertCategory(ctx.db, row);
  return presentCategory(row);
}

export async function updateCategory(ctx: Context, actor: Operator, id: string, input: UpdateCategoryInput): Promise<CategoryDto> {
  authorize(actor, 'article.manage');
  const row = await findCategory(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Category');
  if (input.slug !== undefined) await slugFree(ctx, actor.workspaceId, input.slug, id);
  const patch = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<CategoryRow>;
  const next = { ...row, ...patch, updated_at: ctx.now() };
  await updateCategoryRow(ctx.db, actor.workspaceId, id, { ...patch, updated_at: next.updated_at });
  return presentCategory(next);
}

export async function deleteCategory(ctx: Context, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'article.manage');
  if (!(await findCategory(ctx.db, actor.workspaceId, id))) throw notFound('Category');
  await ctx.db.transaction().execute((trx) => deleteCategoryRow(trx, actor.workspaceId, id));
}
