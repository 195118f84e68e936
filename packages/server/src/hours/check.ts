/**
 * What makes a schedule refused, each problem with a stable code and the
 * path of the field: `invalid_time_zone`, `invalid_time`, `end_before_start`
 * (an interval ends when or before it starts: an overnight one is two),
 * `overlapping_intervals`, `invalid_date`, `duplicate_date`.
 */
import type { DatedInterval, Interval, WeeklyInterval } from './weekly.js';
import { dayOfDate, isTimeZone, minuteOf } from './zone.js';

export interface Problem {
  in: 'body';
  path: string;
  code: string;
  message: string;
}

const problem = (path: string, code: string, message: string): Problem => ({ in: 'body', path, code, message });

export function checkZone(zone: string, path = 'timeZone'): Problem[] {
  return isTimeZone(zone) ? [] : [problem(path, 'invalid_time_zone', `${zone.slice(0, 64)} is not a time zone (use a name such as Europe/Paris)`)];
}

function checkInterval(i: Interval, path: string): Problem[] {
  const a = minuteOf(i.start);
  const b = minuteOf(i.end);
  if (a === null || a >= 1440) return [problem(`${path}.start`, 'invalid_time', 'Enter a time from 00:00 to 23:59')];
  if (b === null) return [problem(`${path}.end`, 'invalid_time', 'Enter a time from 00:00 to 24:00')];
  if (b <= a)
    return [problem(`${path}.end`, 'end_before_start', 'The end must be after the start (overnight: end at 24:00 and start again at 00:00 the next day)')];
  return [];
}

/** Intervals of one group (a weekday, or a date) must not overlap; touching is fine (12:00–13:00 then 13:00–14:00). */
function checkOverlaps<T extends Interval>(items: { item: T; path: string }[]): Problem[] {
  const sorted = [...items].sort((x, y) => (minuteOf(x.item.start) ?? 0) - (minuteOf(y.item.start) ?? 0));
  const out: Problem[] = [];
  for (let k = 1; k < sorted.length; k++) {
    const prev = sorted[k - 1]!;
    const cur = sorted[k]!;
    if ((minuteOf(cur.item.start) ?? 0) < (minuteOf(prev.item.end) ?? 0)) {
      out.push(problem(cur.path, 'overlapping_intervals', `${cur.item.start}–${cur.item.end} overlaps ${prev.item.start}–${prev.item.end}`));
    }
  }
  return out;
}

function grouped<T extends Interval>(list: T[], path: string, keyOf: (i: T) => string | number): Problem[] {
  const problems = list.flatMap((i, n) => checkInterval(i, `${path}.${n}`));
  if (problems.length) return problems;
  const groups = new Map<string | number, { item: T; path: string }[]>();
  for (const [n, item] of list.entries()) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), { item, path: `${path}.${n}` }]);
  return [...groups.values()].flatMap(checkOverlaps);
}

export function checkWeekly(weekly: WeeklyInterval[], path = 'weekly'): Problem[] {
  return grouped(weekly, path, (i) => i.day);
}

export function checkDates(dates: string[], path: string): Problem[] {
  const seen = new Set<string>();
  return dates.flatMap((d, n) => {
    if (dayOfDate(d) === null) return [problem(`${path}.${n}`, 'invalid_date', 'Enter a date as YYYY-MM-DD')];
    if (seen.has(d)) return [problem(`${path}.${n}`, 'duplicate_date', `${d} is listed twice`)];
    seen.add(d);
    return [];
  });
}

export function checkDated(list: DatedInterval[], path: string): Problem[] {
  const bad = list.flatMap((i, n) => (dayOfDate(i.date) === null ? [problem(`${path}.${n}.date`, 'invalid_date', 'Enter a date as YYYY-MM-DD')] : []));
  return bad.length ? bad : grouped(list, path, (i) => i.date);
}
