/** Business hours of teams and shifts of operators: read, set, clear; each change (re)schedules its transition job. */
import type { Context } from '../context.js';
import { seesAllConversations } from '@switchboard/protocol';
import { AppError, forbidden, notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { findOperator } from '../operator/operator.repository.js';
import { authorize } from '../policy/policy.js';
import { findTeam, teamIdsOf } from '../team/team.repository.js';
import { checkDated, checkDates, checkWeekly, checkZone, type Problem } from './check.js';
import type { OperatorShiftsInput, TeamHoursInput } from './hours.js';
import * as repo from './hours.repository.js';
import { hoursChange, shiftChange } from './schedule.js';
import { announce, scheduleShiftTransition, scheduleTeamTransition } from './transitions.js';

function refuse(problems: Problem[]): void {
  if (problems.length) throw new AppError('validation_failed', problems[0]!.message, { details: problems });
}

/** Saved twice in one millisecond, a schedule still gets a new version (what the cache of answers goes by). */
const versionAfter = (now: number, previous?: { updatedAt: number }) => Math.max(now, (previous?.updatedAt ?? 0) + 1);

async function ensureTeam(ctx: Context, workspaceId: string, teamId: string) {
  if (!(await findTeam(ctx.db, workspaceId, teamId))) throw notFound('Team');
}

async function ensureOperator(ctx: Context, workspaceId: string, operatorId: string) {
  if (!(await findOperator(ctx.db, workspaceId, operatorId))) throw notFound('Operator');
}

/** Owners and admins set anyone's shifts; a supervisor those of the members of the teams they supervise (their own included). */
async function ensureShiftManager(ctx: Context, actor: Operator, operatorId: string) {
  authorize(actor, 'shift.manage');
  await ensureOperator(ctx, actor.workspaceId, operatorId);
  if (seesAllConversations(actor.role) || operatorId === actor.id) return;
  const mine = new Set(await teamIdsOf(ctx.db, actor.workspaceId, actor.id));
  const theirs = await teamIdsOf(ctx.db, actor.workspaceId, operatorId);
  if (!theirs.some((t) => mine.has(t))) throw forbidden('A supervisor sets the shifts of their teams’ members only');
}

export async function getTeamHours(ctx: Context, actor: Operator, teamId: string) {
  authorize(actor, 'hours.view');
  await ensureTeam(ctx, actor.workspaceId, teamId);
  const h = await repo.findTeamHours(ctx.db, actor.workspaceId, teamId);
  if (!h) return { hours: null, open: true, nextChangeAt: null };
  const c = hoursChange(h, ctx.now());
  return { hours: { timeZone: h.timeZone, weekly: h.weekly, holidays: h.holidays, updatedAt: h.updatedAt }, open: c.open, nextChangeAt: c.at };
}

export async function setTeamHours(ctx: Context, actor: Operator, teamId: string, input: TeamHoursInput) {
  authorize(actor, 'hours.manage');
  await ensureTeam(ctx, actor.workspaceId, teamId);
  refuse([
    ...checkZone(input.timeZone),
    ...checkWeekly(input.weekly),
    ...checkDates(
      input.holidays.map((x) => x.date),
      'holidays',
    ).map((p) => ({ ...p, path: `${p.path}.date` })),
  ]);
  const before = await repo.findTeamHours(ctx.db, actor.workspaceId, teamId);
  const wasOpen = !before || hoursChange(before, ctx.now()).open;
  const holidays = [...input.holidays].sort((a, b) => a.date.localeCompare(b.date));
  const open = await ctx.db.transaction().execute(async (trx) => {
    await repo.saveTeamHours(trx, { teamId, workspaceId: actor.workspaceId, ...input, holidays, updatedAt: versionAfter(ctx.now(), before) });
    return scheduleTeamTransition(ctx, actor.workspaceId, teamId, trx);
  });
  announce(ctx, { workspaceId: actor.workspaceId, teamId, operatorId: null }, open !== false && !wasOpen);
  return getTeamHours(ctx, actor, teamId);
}

export async function clearTeamHours(ctx: Context, actor: Operator, teamId: string): Promise<void> {
  authorize(actor, 'hours.manage');
  await ensureTeam(ctx, actor.workspaceId, teamId);
  const before = await repo.findTeamHours(ctx.db, actor.workspaceId, teamId);
  if (!before) return;
  const wasOpen = hoursChange(before, ctx.now()).open;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteTeamHours(trx, actor.workspaceId, teamId);
    await scheduleTeamTransition(ctx, actor.workspaceId, teamId, trx);
  });
  announce(ctx, { workspaceId: actor.workspaceId, teamId, operatorId: null }, !wasOpen);
}

export async function getOperatorShifts(ctx: Context, actor: Operator, operatorId: string) {
  authorize(actor, 'hours.view');
  await ensureOperator(ctx, actor.workspaceId, operatorId);
  const s = await repo.findOperatorShifts(ctx.db, actor.workspaceId, operatorId);
  if (!s) return { shifts: null, onShift: true, nextChangeAt: null };
  const c = shiftChange(s, ctx.now());
  return { shifts: { timeZone: s.timeZone, weekly: s.weekly, exceptions: s.exceptions, updatedAt: s.updatedAt }, onShift: c.open, nextChangeAt: c.at };
}

export async function setOperatorShifts(ctx: Context, actor: Operator, operatorId: string, input: OperatorShiftsInput) {
  await ensureShiftManager(ctx, actor, operatorId);
  refuse([
    ...checkZone(input.timeZone),
    ...checkWeekly(input.weekly),
    ...checkDates(
      input.exceptions.map((e) => e.date),
      'exceptions',
    ).map((p) => ({ ...p, path: `${p.path}.date` })),
    ...input.exceptions.flatMap((e, n) =>
      checkDated(
        e.intervals.map((i) => ({ ...i, date: e.date })),
        `exceptions.${n}.intervals`,
      ),
    ),
  ]);
  const before = await repo.findOperatorShifts(ctx.db, actor.workspaceId, operatorId);
  const wasOn = !before || shiftChange(before, ctx.now()).open;
  const exceptions = [...input.exceptions].sort((a, b) => a.date.localeCompare(b.date));
  const on = await ctx.db.transaction().execute(async (trx) => {
    await repo.saveOperatorShifts(trx, { operatorId, workspaceId: actor.workspaceId, ...input, exceptions, updatedAt: versionAfter(ctx.now(), before) });
    return scheduleShiftTransition(ctx, actor.workspaceId, operatorId, trx);
  });
  announce(ctx, { workspaceId: actor.workspaceId, teamId: null, operatorId }, on !== false && !wasOn);
  return getOperatorShifts(ctx, actor, operatorId);
}

export async function clearOperatorShifts(ctx: Context, actor: Operator, operatorId: string): Promise<void> {
  await ensureShiftManager(ctx, actor, operatorId);
  const before = await repo.findOperatorShifts(ctx.db, actor.workspaceId, operatorId);
  if (!before) return;
  const wasOn = shiftChange(before, ctx.now()).open;
  await ctx.db.transaction().execute(async (trx) => {
    await repo.deleteOperatorShifts(trx, actor.workspaceId, operatorId);
    await scheduleShiftTransition(ctx, actor.workspaceId, operatorId, trx);
  });
  announce(ctx, { workspaceId: actor.workspaceId, teamId: null, operatorId }, !wasOn);
}
