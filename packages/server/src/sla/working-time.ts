/**
 * Working time on a team's business hours: how much of [a, b) the team was
 * open, and the moment N working milliseconds after t. Built on the hours
 * module's schedule math (`stretches`: the open stretches of a schedule in
 * its zone, holidays and DST included), a week and a day at a time. No
 * schedule (no team, or a team without hours): every moment counts.
 */
import { type WeeklySchedule, stretches } from '../hours/weekly.js';

const DAY_MS = 86_400_000;
const STEP_MS = 8 * DAY_MS;
/** Looks this far ahead for enough open time; a schedule open less than that within it never gets there. */
const HORIZON_MS = 400 * DAY_MS;

/** Open milliseconds of the schedule in [a, b). */
export function workingMsBetween(s: WeeklySchedule | null, a: number, b: number): number {
  if (b <= a) return 0;
  if (!s) return b - a;
  let total = 0;
  for (let from = a; from < b; from += STEP_MS) {
    const to = Math.min(b, from + STEP_MS);
    for (const st of stretches(s, from, to)) total += Math.max(0, Math.min(st.end, to) - Math.max(st.start, from));
  }
  return total;
}

/** The moment `ms` open milliseconds after `t` (the schedule closed at t: counting starts at the next opening); null: not within the horizon. */
export function addWorkingMs(s: WeeklySchedule | null, t: number, ms: number): number | null {
  if (!s) return t + ms;
  let left = ms;
  for (let from = t; from < t + HORIZON_MS; from += STEP_MS) {
    const to = from + STEP_MS;
    for (const st of stretches(s, from, to)) {
      const start = Math.max(st.start, from);
      const end = Math.min(st.end, to);
      if (end <= start) continue;
      if (left <= end - start) return start + left;
      left -= end - start;
    }
  }
  return null;
}
