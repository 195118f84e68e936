import type { ContactAttributeDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { type AttributeDef, type CreateAttributeInput, MAX_ATTRIBUTES, presentAttribute, toDef, type UpdateAttributeInput } from './contact-attribute.js';
import * as repo from './contact-attribute.repository.js';

/** The workspace's attribute definitions, in their order (what every contact's values are read with). */
export async function attributeDefs(ctx: Context, workspaceId: string): Promise<AttributeDef[]> {
  return (await repo.listAttributeRows(ctx.db, workspaceId)).map(toDef);
}

export async function listAttributes(ctx: Context, actor: Operator): Promise<ContactAttributeDto[]> {
  authorize(actor, 'contact.view');
  return (await repo.listAttributeRows(ctx.db, actor.workspaceId)).map(presentAttribute);
}

export async function createAttribute(ctx: Context, actor: Operator, input: CreateAttributeInput): Promise<ContactAttributeDto> {
  authorize(actor, 'contact.manage_attributes');
  const rows = await repo.listAttributeRows(ctx.db, actor.workspaceId);
  if (rows.length >= MAX_ATTRIBUTES) throw conflict(`A workspace has at most ${MAX_ATTRIBUTES} contact attributes`);
  if (rows.some((r) => r.key === input.key)) {
    throw new AppError('validation_failed', `There is already an attribute with the key ${input.key}`, {
      details: [{ in: 'body', path: 'key', message: `There is already an attribute with the key ${input.key}` }],
    });
  }
  const now = ctx.now();
  const row = {
    id: newId(),
    workspace_id: actor.workspaceId,
    key: input.key,
    label: input.label,
    type: input.type,
    options: JSON.stringify(input.type === 'list' ? input.options : []),
    position: Math.max(-1, ...rows.map((r) => r.position)) + 1,
    created_at: now,
    updated_at: now,
  };
  await repo.insertAttribute(ctx.db, row);
  return presentAttribute(row);
}

export async function updateAttribute(ctx: Context, actor: Operator, id: string, input: UpdateAttributeInput): Promise<ContactAttributeDto> {
  authorize(actor, 'contact.manage_attributes');
  const row = await repo.findAttribute(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Contact attribute');
  if (input.options !== undefined && row.type !== 'list') {
    throw new AppError('validation_failed', 'Only a list attribute has choices', {
      details: [{ in: 'body', path: 'options', message: 'Only a list attribute has choices' }],
    });
  }
  if (input.options !== undefined && input.options.length === 0) {
    throw new AppError('validation_failed', 'Give a list attribute at least one choice', {
      details: [{ in: 'body', path: 'options', message: 'Give a list attribute at least one choice' }],
    });
  }
  const patch = {
    ...(input.label !== undefined ? { label: input.label } : {}),
    ...(input.options !== undefined ? { options: JSON.stringify(input.options) } : {}),
    updated_at: ctx.now(),
  };
  await repo.updateAttribute(ctx.db, actor.workspaceId, id, patch);
  return presentAttribute({ ...row, ...patch });
}

export async function deleteAttribute(ctx: Context, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'contact.manage_attributes');
  if (!(await repo.findAttribute(ctx.db, actor.workspaceId, id))) throw notFound('Contact attribute');
  await repo.deleteAttribute(ctx.db, actor.workspaceId, id);
}

/** A new order: every definition of the workspace, each once. */
export async function reorderAttributes(ctx: Context, actor: Operator, ids: string[]): Promise<ContactAttributeDto[]> {
  authorize(actor, 'contact.manage_attributes');
  const rows = await repo.listAttributeRows(ctx.db, actor.workspaceId);
  const known = new Set(rows.map((r) => r.id));
  if (new Set(ids).size !== ids.length || ids.length !== rows.length || ids.some((i) => !known.has(i))) {
    throw badRequest('Give every contact attribute of the workspace once, in the new order');
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const [position, attrId] of ids.entries()) await repo.updateAttribute(trx, actor.workspaceId, attrId, { position, updated_at: now });
  });
  return (await repo.listAttributeRows(ctx.db, actor.workspaceId)).map(presentAttribute);
}
