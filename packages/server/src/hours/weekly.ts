/**
 * The math of a weekly schedule in a time zone: a team's business hours
 * (with holidays) and an operator's shifts (with days off and extra
 * intervals) are the same thing. Intervals are within one day ('24:00' ends
 * at midnight; an overnight interval is two, 22:00–24:00 and 00:00–06:00
 * the next day, which join into one stretch). A closed date (a holiday, a
 * day off) is closed all day, midnight to midnight in the schedule's zone;
 * extra intervals of a date are open on top of the week's.
 */
import { dayOfDate, localTime, minuteOf, toInstant, weekdayOf } from './zone.js';

export interface Interval {
  start: string;
  end: string;
}

export interface WeeklyInterval extends Interval {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  day: number;
}

export interface DatedInterval extends Interval {
  /** 'YYYY-MM-DD' in the schedule's zone. */
  date: string;
}

export interface WeeklySchedule {
  timeZone: string;
  weekly: WeeklyInterval[];
  /** Dates closed all day. */
  closedDates: string[];
  /** Intervals open on a date besides the week's. */
  extra: DatedInterval[];
}

/** A stretch of time open, [start, end) in epoch ms. */
export interface Stretch {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

interface Compiled {
  zone: string;
  byWeekday: [number, number][][];
  closed: Set<number>;
  extra: Map<number, [number, number][]>;
}

const compiled = new WeakMap<WeeklySchedule, Compiled>();

function compile(s: WeeklySchedule): Compiled {
  let c = compiled.get(s);
  if (c) return c;
  const minutes = (i: Interval): [number, number] => [minuteOf(i.start) ?? 0, minuteOf(i.end) ?? 0];
  c = { zone: s.timeZone, byWeekday: [[], [], [], [], [], [], [], []], closed: new Set(), extra: new Map() };
  for (const i of s.weekly) c.byWeekday[i.day]?.push(minutes(i));
  for (const d of s.closedDates) {
    const day = dayOfDate(d);
    if (day !== null) c.closed.add(day);
  }
  for (const i of s.extra) {
    const day = dayOfDate(i.date);
    if (day === null) continue;
    c.extra.set(day, [...(c.extra.get(day) ?? []), minutes(i)]);
  }
  compiled.set(s, c);
  return c;
}

/** The open stretches that overlap [from, to), joined where they touch, in time order. */
export function stretches(s: WeeklySchedule, from: number, to: number): Stretch[] {
  const c = compile(s);
  const first = localTime(from, c.zone).day - 1;
  const last = localTime(to, c.zone).day + 1;
  const out: Stretch[] = [];
  for (let day = first; day <= last; day++) {
    if (c.closed.has(day)) continue;
    for (const [a, b] of [...(c.byWeekday[weekdayOf(day)] ?? []), ...(c.extra.get(day) ?? [])]) {
      if (b <= a) continue;
      const start = toInstant(day, a, c.zone);
      const end = toInstant(day, b, c.zone);
      if (end > from && start < to && end > start) out.push({ start, end });
    }
  }
  out.sort((x, y) => x.start - y.start);
  const joined: Stretch[] = [];
  for (const st of out) {
    const prev = joined.at(-1);
    if (prev && st.start <= prev.end) prev.end = Math.max(prev.end, st.end);
    else joined.push({ ...st });
  }
  return joined;
}

export function isOpenAt(s: WeeklySchedule, now: number): boolean {
  return stretches(s, now, now + 1).some((st) => st.start <= now && now < st.end);
}

export interface Change {
  /** Open right now. */
  open: boolean;
  /** When that changes next (epoch ms); null: never within a year and more (nothing open ahead, or open throughout). */
  at: number | null;
}

/** Looks ahead at most this far for the next change (a closed year is "never"), a week and a day at a time. */
const HORIZON_MS = 400 * DAY_MS;
const STEP_MS = 8 * DAY_MS;

/** Whether the schedule is open now, and when that changes next. */
export function nextChange(s: WeeklySchedule, now: number): Change {
  let open: boolean | undefined;
  for (let from = now; from < now + HORIZON_MS; from += STEP_MS) {
    const to = from + STEP_MS;
    const list = stretches(s, from, to);
    open ??= list.some((st) => st.start <= now && now < st.end);
    if (open) {
      // The stretch holding `now` (or its continuation in a later window) ends inside this window, or goes on.
      const holding = list.find((st) => st.start <= from && from < st.end);
      if (!holding) return { open, at: from };
      if (holding.end < to) return { open, at: holding.end };
    } else {
      const next = list.find((st) => st.start > now);
      if (next) return { open, at: next.start };
    }
  }
  return { open: open ?? false, at: null };
}

/** The first opening after `now` (open now: the one after this stretch ends); null when none within the horizon. */
export function nextStart(s: WeeklySchedule, now: number): number | null {
  const c = nextChange(s, now);
  if (!c.open) return c.at;
  if (c.at === null) return null;
  return nextChange(s, c.at).at;
}
