import type { Context } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { findOperator } from '../operator/operator.repository.js';
import { authorize } from '../policy/policy.js';
import type { CannedChanges } from '../canned/canned-changes.js';
import { ROUTING_DEFAULTS } from '../routing/team-routing.js';
import type { CreateTeamInput, Team } from './team.js';
import * as repo from './team.repository.js';

async function present(ctx: Context, workspaceId: string, rows: repo.TeamRow[]): Promise<Team[]> {
  const members = await repo.membersOf(
    ctx.db,
    workspaceId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => repo.toTeam(r, members.get(r.id) ?? []));
}

/** Membership decides what an operator sees (policy/visibility.ts): their live connections follow at once. */
function accessChanged(ctx: Context, workspaceId: string, operatorIds: string[]): void {
  for (const operatorId of operatorIds) ctx.events.emit({ type: 'operator.access_changed', workspaceId, operatorId });
}

async function teamRow(ctx: Context, workspaceId: string, id: string): Promise<repo.TeamRow> {
  const row = await repo.findTeam(ctx.db, workspaceId, id);
  if (!row) throw notFound('Team');
  return row;
}

/** Names are unique in a workspace, whatever their case: people pick a team by its name (CSV import does too). */
async function ensureFreeName(ctx: Context, workspaceId: string, name: string, exceptId?: string): Promise<void> {
  const taken = (await repo.listTeams(ctx.db, workspaceId)).find((t) => t.id !== exceptId && t.name.toLowerCase() === name.toLowerCase());
  if (taken)
    throw new AppError('conflict', `A team named ${taken.name} already exists`, {
      details: [{ in: 'body', path: 'name', message: 'Another team has this name' }],
    });
}

async function ensureOperators(ctx: Context, workspaceId: string, ids: string[], path: (i: number) => string): Promise<void> {
  const problems = [];
  for (const [i, id] of ids.entries()) {
    if (!(await findOperator(ctx.db, workspaceId, id))) problems.push({ in: 'body', path: path(i), message: 'No operator with this id in the workspace' });
  }
  if (problems.length) throw new AppError('validation_failed', problems[0]!.message, { details: problems });
}

export async function listTeams(ctx: Context, actor: Operator): Promise<Team[]> {
  authorize(actor, 'team.view');
  return present(ctx, actor.workspaceId, await repo.listTeams(ctx.db, actor.workspaceId));
}

export async function getTeam(ctx: Context, actor: Operator, id: string): Promise<Team> {
  authorize(actor, 'team.view');
  const [team] = await present(ctx, actor.workspaceId, [await teamRow(ctx, actor.workspaceId, id)]);
  return team!;
}

export async function createTeam(ctx: Context, actor: Operator, input: CreateTeamInput, canned: CannedChanges): Promise<Team> {
  authorize(actor, 'team.manage');
  await ensureFreeName(ctx, actor.workspaceId, input.name);
  const memberIds = [...new Set(input.memberIds)];
  await ensureOperators(ctx, actor.workspaceId, memberIds, (i) => `memberIds.${i}`);
  const now = ctx.now();
  const row = { id: newId(), workspace_id: actor.workspaceId, name: input.name, created_at: now, updated_at: now, ...ROUTING_DEFAULTS, sla_policy_id: null };
  await ctx.db.transaction().execute(async (trx) => {
    await repo.insertTeam(trx, row);
    for (const operatorId of memberIds)
      await repo.addMember(trx, { team_id: row.id, operator_id: operatorId, workspace_id: actor.workspaceId, created_at: now });
  });
  if (memberIds.length) await canned.changed(actor.workspaceId);
  accessChanged(ctx, actor.workspaceId, memberIds);
  return repo.toTeam(row, memberIds);
}

export async function renameTeam(ctx: Context, actor: Operator, id: string, name: string): Promise<Team> {
  authorize(actor, 'team.manage');
  await teamRow(ctx, actor.workspaceId, id);
  await ensureFreeName(ctx, actor.workspaceId, name, id);
  await repo.updateTeam(ctx.db, actor.workspaceId, id, { name, updated_at: ctx.now() });
  return getTeam(ctx, actor, id);
}

/** Deletes the team with its memberships and its team canned responses. */
export async function deleteTeam(ctx: Context, actor: Operator, id: string, canned: CannedChanges): Promise<void> {
  authorize(actor, 'team.manage');
  const members = (await repo.membersOf(ctx.db, actor.workspaceId, [id])).get(id) ?? [];
  if (!(await repo.deleteTeam(ctx.db, actor.workspaceId, id))) throw notFound('Team');
  await canned.changed(actor.workspaceId);
  accessChanged(ctx, actor.workspaceId, members);
}

export async function addTeamMember(ctx: Context, actor: Operator, id: string, operatorId: string, canned: CannedChanges): Promise<Team> {
  authorize(actor, 'team.manage');
  await teamRow(ctx, actor.workspaceId, id);
  if (!(await findOperator(ctx.db, actor.workspaceId, operatorId))) throw notFound('Operator');
  if (await repo.addMember(ctx.db, { team_id: id, operator_id: operatorId, workspace_id: actor.workspaceId, created_at: ctx.now() })) {
    await canned.changed(actor.workspaceId);
    accessChanged(ctx, actor.workspaceId, [operatorId]);
  }
  return getTeam(ctx, actor, id);
}

export async function removeTeamMember(ctx: Context, actor: Operator, id: string, operatorId: string, canned: CannedChanges): Promise<Team> {
  authorize(actor, 'team.manage');
  await teamRow(ctx, actor.workspaceId, id);
  if (!(await repo.removeMember(ctx.db, actor.workspaceId, id, operatorId))) throw notFound('Member');
  await canned.changed(actor.workspaceId);
  accessChanged(ctx, actor.workspaceId, [operatorId]);
  return getTeam(ctx, actor, id);
}

/** The teams an operator is a member of (what decides which team canned responses they see and edit). */
export const teamsOfOperator = (ctx: Context, operator: Pick<Operator, 'workspaceId' | 'id'>) => repo.teamIdsOf(ctx.db, operator.workspaceId, operator.id);
