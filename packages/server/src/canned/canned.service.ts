import type { Context } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize, can } from '../policy/policy.js';
import { findTeam, listTeams } from '../team/team.repository.js';
import { teamsOfOperator } from '../team/team.service.js';
import type { CannedDto, CannedResponse, CannedScope, CreateCannedInput, UpdateCannedInput } from './canned.js';
import { canEdit, canList, canSee, precedence, samePlace, type Viewer } from './canned-access.js';
import type { CannedChanges } from './canned-changes.js';
import type { CannedSearch } from './canned-search.js';
import * as repo from './canned.repository.js';

export async function viewerOf(ctx: Context, actor: Operator): Promise<Viewer> {
  return { id: actor.id, role: actor.role, teamIds: new Set(await teamsOfOperator(ctx, actor)) };
}

export function presentCanned(r: CannedResponse, v: Viewer, hiddenBy: string | null = null): CannedDto {
  const { workspaceId: _, ...rest } = r;
  return { ...rest, canEdit: canEdit(v, r), hiddenBy };
}

const SCOPE_WORDS: Record<CannedScope, string> = { personal: 'your personal one', team: 'a team one', workspace: 'a workspace one' };

const fieldProblem = (path: string, message: string) => [{ in: 'body', path, message }];

/**
 * A shortcut is unique within what one operator sees: it is refused when a
 * response its writer sees, or one in the same place (the same team's, the
 * workspace's), has it already. Clashes that arise later (joining a team, a
 * response someone else wrote) are settled by `precedence` when reading.
 */
export async function findClash(
  ctx: Context,
  v: Viewer,
  placed: Pick<CannedResponse, 'workspaceId' | 'scope' | 'ownerId' | 'teamId' | 'shortcut'>,
  exceptId?: string,
): Promise<CannedResponse | null> {
  const rows = (await repo.withShortcut(ctx.db, placed.workspaceId, placed.shortcut)).map(repo.toCanned);
  return rows.find((r) => r.id !== exceptId && (canSee(v, r) || samePlace(r, placed))) ?? null;
}

export function clashError(shortcut: string, clash: Pick<CannedResponse, 'title' | 'scope'>): AppError {
  const message = `/${shortcut} is taken by “${clash.title}” (${SCOPE_WORDS[clash.scope]}): choose another shortcut`;
  return new AppError('conflict', message, { details: fieldProblem('shortcut', message) });
}

/** Where a response goes, and whether this viewer may put it there. */
export async function placeFor(ctx: Context, actor: Operator, v: Viewer, scope: CannedScope, teamId: string | null | undefined, ownerId: string | null) {
  if (scope === 'team') {
    if (!teamId || !(await findTeam(ctx.db, actor.workspaceId, teamId))) {
      throw new AppError('validation_failed', 'Choose a team of this workspace', { details: fieldProblem('teamId', 'Choose a team of this workspace') });
    }
  }
  const placed = { scope, ownerId: scope === 'personal' ? (ownerId ?? actor.id) : null, teamId: scope === 'team' ? (teamId ?? null) : null };
  if (!canEdit(v, placed)) {
    throw forbidden(
      scope === 'workspace' ? 'Only admins can change workspace canned responses' : 'Only the team’s members and admins can change its canned responses',
    );
  }
  return placed;
}

/** What Settings lists: what the caller sees and what they may change, with the ones hidden by a closer scope marked. */
export async function listCannedFor(ctx: Context, actor: Operator): Promise<CannedDto[]> {
  authorize(actor, 'canned.use');
  const v = await viewerOf(ctx, actor);
  const teamIds = can(actor.role, 'canned.manage_any_team') ? (await listTeams(ctx.db, actor.workspaceId)).map((t) => t.id) : [...v.teamIds];
  const rows = (await repo.listCanned(ctx.db, actor.workspaceId, { ownerId: actor.id, teamIds })).map(repo.toCanned).filter((r) => canList(v, r));
  const winners = new Map<string, CannedResponse>();
  for (const r of rows.filter((x) => canSee(v, x)).sort(precedence)) if (!winners.has(r.shortcut)) winners.set(r.shortcut, r);
  return rows.map((r) => {
    const winner = winners.get(r.shortcut);
    return presentCanned(r, v, canSee(v, r) && winner && winner.id !== r.id ? winner.id : null);
  });
}

export async function searchCannedFor(search: CannedSearch, actor: Operator, q: string, limit: number): Promise<CannedDto[]> {
  authorize(actor, 'canned.use');
  const { items, viewer } = await search.search(actor, q, limit);
  return items.map((r) => presentCanned(r, viewer));
}

async function visibleRow(ctx: Context, v: Viewer, workspaceId: string, id: string): Promise<CannedResponse> {
  const row = await repo.findCanned(ctx.db, workspaceId, id);
  // Someone else's personal response answers as a missing one.
  if (!row || !canList(v, repo.toCanned(row))) throw notFound('Canned response');
  return repo.toCanned(row);
}

export async function getCanned(ctx: Context, actor: Operator, id: string): Promise<CannedDto> {
  authorize(actor, 'canned.use');
  const v = await viewerOf(ctx, actor);
  return presentCanned(await visibleRow(ctx, v, actor.workspaceId, id), v);
}

export async function createCanned(ctx: Context, canned: CannedChanges, actor: Operator, input: CreateCannedInput): Promise<CannedDto> {
  authorize(actor, 'canned.use');
  const v = await viewerOf(ctx, actor);
  const placed = await placeFor(ctx, actor, v, input.scope, input.teamId, null);
  const clash = await findClash(ctx, v, { workspaceId: actor.workspaceId, shortcut: input.shortcut, ...placed });
  if (clash) throw clashError(input.shortcut, clash);
  const now = ctx.now();
  const row: repo.CannedRow = {
    id: newId(),
    workspace_id: actor.workspaceId,
    scope: placed.scope,
    owner_id: placed.ownerId,
    team_id: placed.teamId,
    shortcut: input.shortcut,
    title: input.title,
    body: input.body,
    created_by: actor.id,
    created_at: now,
    updated_at: now,
  };
  await repo.insertCanned(ctx.db, row);
  await canned.changed(actor.workspaceId);
  return presentCanned(repo.toCanned(row), v);
}

export async function updateCanned(ctx: Context, canned: CannedChanges, actor: Operator, id: string, input: UpdateCannedInput): Promise<CannedDto> {
  authorize(actor, 'canned.use');
  const v = await viewerOf(ctx, actor);
  const current = await visibleRow(ctx, v, actor.workspaceId, id);
  if (!canEdit(v, current)) throw forbidden(current.scope === 'workspace' ? 'Only admins can change workspace canned responses' : undefined);
  const scope = input.scope ?? current.scope;
  const placed = await placeFor(
    ctx,
    actor,
    v,
    scope,
    input.teamId === undefined ? current.teamId : input.teamId,
    scope === current.scope ? current.ownerId : null,
  );
  const shortcut = input.shortcut ?? current.shortcut;
  const clash = await findClash(ctx, v, { workspaceId: actor.workspaceId, shortcut, ...placed }, id);
  if (clash) throw clashError(shortcut, clash);
  const next: CannedResponse = { ...current, ...placed, shortcut, title: input.title ?? current.title, body: input.body ?? current.body, updatedAt: ctx.now() };
  await repo.updateCanned(ctx.db, actor.workspaceId, id, {
    scope: next.scope,
    owner_id: next.ownerId,
    team_id: next.teamId,
    shortcut: next.shortcut,
    title: next.title,
    body: next.body,
    updated_at: next.updatedAt,
  });
  await canned.changed(actor.workspaceId);
  return presentCanned(next, v);
}

export async function deleteCanned(ctx: Context, canned: CannedChanges, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'canned.use');
  const v = await viewerOf(ctx, actor);
  const current = await visibleRow(ctx, v, actor.workspaceId, id);
  if (!canEdit(v, current)) throw forbidden();
  await repo.deleteCanned(ctx.db, actor.workspaceId, id);
  await canned.changed(actor.workspaceId);
}
