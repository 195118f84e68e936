/**
 * The timers of a conversation's SLA targets: one row per conversation and
 * target (sla_timers), its warning and its breach each a durable job whose
 * key names the conversation, the target and the cycle, so scheduling twice
 * makes one job and a new cycle never meets an old one's job. Met targets,
 * warnings and breaches are rows of sla_events, at most one per cycle and
 * outcome (a unique index): a job run twice records once. The conversation
 * keeps the nearest due target (sla_due_at, sla_target, sla_warn_at) and the
 * latest breach not yet met (sla_breached_at) for lists and rules.
 */
import type { Selectable } from 'kysely';
import type { Context } from '../context.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import type { Db } from '../db/database.js';
import { hoursSchedule } from '../hours/hours.js';
import { findTeamHours } from '../hours/hours.repository.js';
import type { WeeklySchedule } from '../hours/weekly.js';
import { newId } from '../ids.js';
import { type SlaPolicy, type SlaTarget, targetSeconds, warnAfterSeconds } from './sla.js';
import type { SlaTimerTable } from './sla.table.js';
import { addWorkingMs } from './working-time.js';

export type TimerRow = Selectable<SlaTimerTable>;
export type Phase = 'warning' | 'breach';

export interface TimerJob {
  workspaceId: string;
  conversationId: string;
  target: SlaTarget;
  cycle: number;
}

export const timerJobKey = (phase: Phase, p: Omit<TimerJob, 'workspaceId'>) => `sla.${phase}:${p.conversationId}:${p.target}:${p.cycle}`;

/** The conversation's row, locked on PostgreSQL until the transaction ends: its SLA changes happen one at a time. */
export async function lockConversation(ctx: Context, db: Db, id: string): Promise<ConversationRow | undefined> {
  const q = db.selectFrom('conversations').selectAll().where('id', '=', id);
  return (ctx.dbKind === 'postgres' ? q.forUpdate() : q).executeTakeFirst();
}

export async function listTimers(db: Db, conversationId: string): Promise<TimerRow[]> {
  return db.selectFrom('sla_timers').selectAll().where('conversation_id', '=', conversationId).execute();
}

/** The business hours that count for the policy: its team's when it asks for them (none: every moment counts). */
export async function workingSchedule(db: Db, c: ConversationRow, policy: SlaPolicy): Promise<WeeklySchedule | null> {
  if (!policy.businessHours || !c.team_id) return null;
  const h = await findTeamHours(db, c.workspace_id, c.team_id);
  return h ? hoursSchedule(h) : null;
}

/** When the target warns and is due, counted from `startedAt` in working time; null: never (no target, or no hours ahead). */
export function timesOf(policy: SlaPolicy, target: SlaTarget, startedAt: number, schedule: WeeklySchedule | null) {
  const total = targetSeconds(policy, target);
  if (total === null) return null;
  const due = addWorkingMs(schedule, startedAt, total * 1000);
  const warn = addWorkingMs(schedule, startedAt, warnAfterSeconds(policy, total) * 1000);
  return { due, warn: warn !== null && due !== null && warn < due ? warn : null };
}

/** Starts (or starts again, as the next cycle) a target's timer with its jobs, in the caller's transaction. */
export async function startTimer(
  ctx: Context,
  db: Db,
  c: ConversationRow,
  p: { policy: SlaPolicy; target: SlaTarget; cycle: number; startedAt: number; schedule: WeeklySchedule | null },
): Promise<void> {
  const times = timesOf(p.policy, p.target, p.startedAt, p.schedule);
  if (!times) return;
  const row: TimerRow = {
    conversation_id: c.id,
    target: p.target,
    workspace_id: c.workspace_id,
    cycle: p.cycle,
    policy_id: p.policy.id,
    started_at: p.startedAt,
    warn_at: times.warn,
    due_at: times.due,
    warned_at: null,
    breached_at: null,
    stopped_at: null,
  };
  await db.deleteFrom('sla_timers').where('conversation_id', '=', c.id).where('target', '=', p.target).execute();
  await db.insertInto('sla_timers').values(row).execute();
  await scheduleJobs(ctx, db, row);
}

export async function scheduleJobs(ctx: Context, db: Db, t: TimerRow): Promise<void> {
  const payload: TimerJob = { workspaceId: t.workspace_id, conversationId: t.conversation_id, target: t.target as SlaTarget, cycle: t.cycle };
  const at = { warning: t.warned_at === null ? t.warn_at : null, breach: t.breached_at === null ? t.due_at : null };
  for (const phase of ['warning', 'breach'] as const) {
    const key = timerJobKey(phase, payload);
    const runAt = at[phase];
    if (runAt === null) await ctx.jobs.cancel(key, db);
    else await ctx.jobs.schedule<TimerJob>({ kind: `sla.${phase}`, key, replace: true, runAt: Number(runAt), payload, workspaceId: t.workspace_id }, db);
  }
}

/** Stops a running timer at `at`: met when not breached by then (recorded), its jobs cancelled. `met: false` stops it with no outcome. */
export async function stopTimer(ctx: Context, db: Db, t: TimerRow, at: number, met = true): Promise<void> {
  await db
    .updateTable('sla_timers')
    .set({ stopped_at: at })
    .where('conversation_id', '=', t.conversation_id)
    .where('target', '=', t.target)
    .where('cycle', '=', t.cycle)
    .execute();
  if (met && t.breached_at === null && t.due_at !== null && at <= Number(t.due_at)) await recordOutcome(db, t, 'met', at);
  for (const phase of ['warning', 'breach'] as const)
    await ctx.jobs.cancel(timerJobKey(phase, { conversationId: t.conversation_id, target: t.target as SlaTarget, cycle: t.cycle }), db);
}

/** One row per cycle and outcome; returns whether this call wrote it. */
export async function recordOutcome(db: Db, t: TimerRow, outcome: 'met' | 'warning' | 'breached', at: number): Promise<boolean> {
  const r = await db
    .insertInto('sla_events')
    .values({
      id: newId(),
      workspace_id: t.workspace_id,
      conversation_id: t.conversation_id,
      policy_id: t.policy_id,
      target: t.target,
      cycle: t.cycle,
      outcome,
      due_at: Number(t.due_at ?? at),
      at,
    })
    .onConflict((oc) => oc.columns(['conversation_id', 'target', 'cycle', 'outcome']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Writes the conversation's SLA columns from its running timers; returns the row when they changed. */
export async function refreshConversation(db: Db, c: ConversationRow): Promise<ConversationRow | null> {
  const running = (await listTimers(db, c.id)).filter((t) => t.stopped_at === null);
  const due = running.filter((t) => t.breached_at === null && t.due_at !== null).sort((a, b) => Number(a.due_at) - Number(b.due_at))[0];
  const breaches = running.map((t) => t.breached_at).filter((b): b is number => b !== null);
  const next = {
    sla_due_at: due ? Number(due.due_at) : null,
    sla_target: due ? due.target : null,
    sla_warn_at: due?.warn_at == null ? null : Number(due.warn_at),
    sla_breached_at: breaches.length ? Math.max(...breaches.map(Number)) : null,
  };
  const norm = (v: unknown) => (v == null ? null : String(v));
  const same = (Object.keys(next) as (keyof typeof next)[]).every((k) => norm(c[k]) === norm(next[k]));
  if (same) return null;
  await db.updateTable('conversations').set(next).where('id', '=', c.id).execute();
  return { ...c, ...next };
}
