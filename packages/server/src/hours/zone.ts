/**
 * Wall-clock time in an IANA time zone, with the zone rules the runtime ships
 * (Intl): which local day and minute a moment is, and which moment a local
 * day and minute is. Days are civil day numbers (days since 1970-01-01), so
 * date arithmetic is integer arithmetic and never crosses a DST change by
 * accident. Local times that do not exist (the hour skipped when clocks go
 * forward) mean the moment after the gap; local times that happen twice (the
 * hour repeated when clocks go back) mean the first one (as Temporal's
 * "compatible" disambiguation does).
 */
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** A zone name the runtime knows (`Europe/Paris`, `UTC`); not an offset, not an abbreviation. */
export function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(zone) || zone.length > 64) return false;
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/**
 * Offsets by zone and quarter hour. Every zone's offset today is a whole
 * number of quarter hours, so its changes fall on quarter hours in UTC too
 * (only local mean times before 1900 did not): one answer holds for the
 * whole quarter. Bounded: emptied when it grows past its size.
 */
const offsets = new Map<string, number>();
const QUARTER_MS = 900_000;
const MAX_OFFSETS = 100_000;

/** The zone's offset from UTC at a moment, in milliseconds (Paris in winter: +3,600,000). */
export function offsetAt(ms: number, zone: string): number {
  const key = `${zone} ${Math.floor(ms / QUARTER_MS)}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    offset = readOffset(ms, zone);
    if (offsets.size >= MAX_OFFSETS) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

function readOffset(ms: number, zone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(ms))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const wall = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return wall - Math.floor(ms / 1000) * 1000;
}

export interface LocalTime {
  /** Civil day number: days since 1970-01-01 (local). */
  day: number;
  /** Minutes since local midnight, 0–1439. */
  minute: number;
}

export function localTime(ms: number, zone: string): LocalTime {
  const wall = ms + offsetAt(ms, zone);
  const day = Math.floor(wall / DAY_MS);
  return { day, minute: Math.floor((wall - day * DAY_MS) / 60_000) };
}

/** The moment a local day and minute (0–1440) is in the zone. */
export function toInstant(day: number, minute: number, zone: string): number {
  const wall = day * DAY_MS + minute * 60_000;
  const before = offsetAt(wall - DAY_MS, zone);
  const after = offsetAt(wall + DAY_MS, zone);
  const candidates = [wall - before, wall - after].filter((u) => offsetAt(u, zone) === wall - u);
  // Two: the repeated hour, the first one. None: the skipped hour, read with the offset before the change.
  return candidates.length > 0 ? Math.min(...candidates) : wall - before;
}

/** ISO weekday of a civil day: 1 Monday … 7 Sunday. */
export const weekdayOf = (day: number): number => ((((day + 3) % 7) + 7) % 7) + 1;

/** 'YYYY-MM-DD' → civil day number; null when it is no real date. */
export function dayOfDate(date: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return null;
  return ms / DAY_MS;
}

export const dateOfDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** 'HH:MM' (00:00–24:00) → minutes; null when it is no time of day. */
export function minuteOf(time: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const minute = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minute <= 1440 ? minute : null;
}
