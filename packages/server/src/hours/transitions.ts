/**
 * Openings and closings as durable jobs, never a polling loop: one pending
 * job per team with hours (`hours.transition:<teamId>`) and per operator
 * with shifts (`shift.transition:<operatorId>`), due at the next change.
 * Saving a schedule replaces it (same key); the run emits `schedule.opened`
 * when the team opened or the shift started (routing drains the queue on
 * it), `schedule.changed` either way (the widgets' availability and the
 * consoles' Team overview), and schedules the next one. A run reads the
 * schedule as it is now, so a late or repeated run changes nothing wrong.
 */
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import type { Jobs } from '../jobs/job.js';
import { findOperatorShifts, findTeamHours } from './hours.repository.js';
import { hoursChange, shiftChange } from './schedule.js';

interface TeamPayload {
  workspaceId: string;
  teamId: string;
}
interface ShiftPayload {
  workspaceId: string;
  operatorId: string;
}

export const teamTransitionKey = (teamId: string) => `hours.transition:${teamId}`;
export const shiftTransitionKey = (operatorId: string) => `shift.transition:${operatorId}`;

/** (Re)schedules the team's next opening or closing; none when it has no hours or never changes. Returns whether it is open now (null: no hours). */
export async function scheduleTeamTransition(ctx: Context, workspaceId: string, teamId: string, db: Db = ctx.db): Promise<boolean | null> {
  const h = await findTeamHours(db, workspaceId, teamId);
  const change = h ? hoursChange(h, ctx.now()) : null;
  const key = teamTransitionKey(teamId);
  if (change?.at == null) await ctx.jobs.cancel(key, db);
  else
    await ctx.jobs.schedule<TeamPayload>({ kind: 'hours.transition', key, replace: true, runAt: change.at, payload: { workspaceId, teamId }, workspaceId }, db);
  return change ? change.open : null;
}

/** (Re)schedules the operator's next shift start or end; none without a schedule. Returns whether they are on shift now (null: no schedule). */
export async function scheduleShiftTransition(ctx: Context, workspaceId: string, operatorId: string, db: Db = ctx.db): Promise<boolean | null> {
  const s = await findOperatorShifts(db, workspaceId, operatorId);
  const change = s ? shiftChange(s, ctx.now()) : null;
  const key = shiftTransitionKey(operatorId);
  if (change?.at == null) await ctx.jobs.cancel(key, db);
  else
    await ctx.jobs.schedule<ShiftPayload>(
      { kind: 'shift.transition', key, replace: true, runAt: change.at, payload: { workspaceId, operatorId }, workspaceId },
      db,
    );
  return change ? change.open : null;
}

/** After a schedule was saved or a transition ran: who must hear of it. */
export function announce(ctx: Context, p: { workspaceId: string; teamId: string | null; operatorId: string | null }, opened: boolean): void {
  const ids = { workspaceId: p.workspaceId, teamId: p.teamId, operatorId: p.operatorId };
  if (opened) ctx.events.emit({ type: 'schedule.opened', ...ids });
  ctx.events.emit({ type: 'schedule.changed', ...ids });
}

export function handleScheduleTransitions(jobs: Jobs): void {
  jobs.handle<TeamPayload>('hours.transition', async (ctx, p) => {
    // Rescheduling first, on the same key: a run that fails later still comes back (the recurring-job pattern).
    // No hours any more (removed, or the team deleted): nothing opened, though widgets still read it again.
    const open = await scheduleTeamTransition(ctx, p.workspaceId, p.teamId);
    announce(ctx, { workspaceId: p.workspaceId, teamId: p.teamId, operatorId: null }, open === true);
  });
  jobs.handle<ShiftPayload>('shift.transition', async (ctx, p) => {
    const on = await scheduleShiftTransition(ctx, p.workspaceId, p.operatorId);
    announce(ctx, { workspaceId: p.workspaceId, teamId: null, operatorId: p.operatorId }, on === true);
  });
}
