/**
 * Who is on shift and which team is open, for routing and the widget. An
 * operator with no schedule is always on shift; a team with no hours (or no
 * team) is always open. The answer for one schedule stays the same until its
 * next change, so it is kept until then (and until the schedule is saved
 * again): asking for the same operators at every assignment costs one
 * indexed read, not the zone arithmetic.
 */
import type { Db } from '../db/database.js';
import { type OperatorShifts, shiftSchedule, hoursSchedule, type TeamHours } from './hours.js';
import { findTeamHours, listOperatorShifts } from './hours.repository.js';
import { type Change, nextChange, nextStart } from './weekly.js';

interface Known {
  updatedAt: number;
  from: number;
  change: Change;
}

/** Per operator or team id; bounded so a huge workspace cannot grow it without end. */
const known = new Map<string, Known>();
const MAX_KNOWN = 20_000;

function changeOf(key: string, updatedAt: number, now: number, compute: () => Change): Change {
  const k = known.get(key);
  if (k && k.updatedAt === updatedAt && k.from <= now && (k.change.at === null || now < k.change.at)) return k.change;
  const change = compute();
  if (known.size >= MAX_KNOWN) known.delete(known.keys().next().value as string);
  known.set(key, { updatedAt, from: now, change });
  return change;
}

/** On shift now, and until when (or off, and from when). */
export const shiftChange = (s: OperatorShifts, now: number): Change =>
  changeOf(`operator:${s.operatorId}`, s.updatedAt, now, () => nextChange(shiftSchedule(s), now));

/** Open now, and until when (or closed, and until when). */
export const hoursChange = (h: TeamHours, now: number): Change => changeOf(`team:${h.teamId}`, h.updatedAt, now, () => nextChange(hoursSchedule(h), now));

/** Which of these operators are off shift right now (an operator with no schedule is always on shift). */
export async function offShiftOperatorIds(db: Db, workspaceId: string, operatorIds: string[], now: number): Promise<Set<string>> {
  const off = new Set<string>();
  for (const s of await listOperatorShifts(db, workspaceId, [...new Set(operatorIds)])) if (!shiftChange(s, now).open) off.add(s.operatorId);
  return off;
}

/** The workspace's operators off shift now, and until when that holds (the earliest next change; null: until a schedule is saved). */
export async function offShiftNow(db: Db, workspaceId: string, now: number): Promise<{ ids: Set<string>; until: number | null }> {
  const ids = new Set<string>();
  let until: number | null = null;
  for (const s of await listOperatorShifts(db, workspaceId)) {
    const c = shiftChange(s, now);
    if (!c.open) ids.add(s.operatorId);
    if (c.at !== null && (until === null || c.at < until)) until = c.at;
  }
  return { ids, until };
}

/** The team is inside its business hours (no hours set: always open; no team: open). */
export async function teamIsOpen(db: Db, workspaceId: string, teamId: string | null, now: number): Promise<boolean> {
  if (!teamId) return true;
  const h = await findTeamHours(db, workspaceId, teamId);
  return !h || hoursChange(h, now).open;
}

/** When the team opens next: `now` while open; null when not within a year. */
export function nextOpening(h: TeamHours, now: number): number | null {
  const c = hoursChange(h, now);
  return c.open ? now : c.at;
}

/** The operator's next shift start after now (on shift now: the one after this shift); null when none within a year. */
export function nextShiftStart(s: OperatorShifts, now: number): number | null {
  const c = shiftChange(s, now);
  return c.open ? nextStart(shiftSchedule(s), now) : c.at;
}
