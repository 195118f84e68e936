import type { Context } from '../context.js';
import { forbidden, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize, can } from '../policy/policy.js';
import type { CreateMacroInput, Macro, MacroDto, MacroScope, UpdateMacroInput } from './macro.js';
import * as repo from './macro.repository.js';

/** Personal macros are their owner's alone; everyone runs the workspace's, admins change them. */
export const canRun = (actor: Operator, m: Pick<Macro, 'scope' | 'ownerId'>) => m.scope === 'workspace' || m.ownerId === actor.id;
export const canEditMacro = (actor: Operator, m: Pick<Macro, 'scope' | 'ownerId'>) =>
  m.scope === 'workspace' ? can(actor.role, 'macro.manage_workspace') : m.ownerId === actor.id;

export function presentMacro(m: Macro, actor: Operator): MacroDto {
  const { workspaceId: _, ...rest } = m;
  return { ...rest, canEdit: canEditMacro(actor, m) };
}

function ensureMayPlace(actor: Operator, scope: MacroScope): void {
  if (!canEditMacro(actor, { scope, ownerId: actor.id })) throw forbidden('Only admins can change workspace macros');
}

export async function listMacrosFor(ctx: Context, actor: Operator): Promise<MacroDto[]> {
  authorize(actor, 'macro.run');
  return (await repo.listMacros(ctx.db, actor.workspaceId, actor.id)).map((r) => presentMacro(repo.toMacro(r), actor));
}

/** A macro the actor may run; someone else's personal macro answers as a missing one. */
export async function runnableMacro(ctx: Context, actor: Operator, id: string): Promise<Macro> {
  authorize(actor, 'macro.run');
  const row = await repo.findMacro(ctx.db, actor.workspaceId, id);
  const macro = row ? repo.toMacro(row) : null;
  if (!macro || !canRun(actor, macro)) throw notFound('Macro');
  return macro;
}

export async function getMacro(ctx: Context, actor: Operator, id: string): Promise<MacroDto> {
  return presentMacro(await runnableMacro(ctx, actor, id), actor);
}

export async function createMacro(ctx: Context, actor: Operator, input: CreateMacroInput): Promise<MacroDto> {
  authorize(actor, 'macro.run');
  ensureMayPlace(actor, input.scope);
  const now = ctx.now();
  const row: repo.MacroRow = {
    id: newId(),
    workspace_id: actor.workspaceId,
    scope: input.scope,
    owner_id: input.scope === 'personal' ? actor.id : null,
    name: input.name,
    actions: JSON.stringify(input.actions),
    created_at: now,
    updated_at: now,
  };
  await repo.insertMacro(ctx.db, row);
  return presentMacro(repo.toMacro(row), actor);
}

export async function updateMacro(ctx: Context, actor: Operator, id: string, input: UpdateMacroInput): Promise<MacroDto> {
  const current = await runnableMacro(ctx, actor, id);
  if (!canEditMacro(actor, current)) throw forbidden('Only admins can change workspace macros');
  const scope = input.scope ?? current.scope;
  ensureMayPlace(actor, scope);
  const next: Macro = {
    ...current,
    scope,
    ownerId: scope === 'personal' ? (current.scope === 'personal' ? current.ownerId : actor.id) : null,
    name: input.name ?? current.name,
    actions: input.actions ?? current.actions,
    updatedAt: ctx.now(),
  };
  await repo.updateMacro(ctx.db, actor.workspaceId, id, {
    name: next.name,
    scope: next.scope,
    owner_id: next.ownerId,
    actions: JSON.stringify(next.actions),
    updated_at: next.updatedAt,
  });
  return presentMacro(next, actor);
}

export async function deleteMacro(ctx: Context, actor: Operator, id: string): Promise<void> {
  const current = await runnableMacro(ctx, actor, id);
  if (!canEditMacro(actor, current)) throw forbidden('Only admins can delete workspace macros');
  await repo.deleteMacro(ctx.db, actor.workspaceId, id);
}
