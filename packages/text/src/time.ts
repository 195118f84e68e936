/**
 * Times as people read them, in their own locale's style: the widget formats
 * in the visitor's locale and the console in the operator's, with the same
 * functions, so one locale reads the same on both sides ("2:05 PM" in en-US,
 * "14:05" in en-GB). `locale` undefined means the runtime's own.
 */
const cache = new Map<string, Intl.DateTimeFormat>();

function format(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = cache.get(key);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(locale, options);
    } catch {
      // A malformed locale tag falls back to the runtime's own.
      f = new Intl.DateTimeFormat(undefined, options);
    }
    if (cache.size < 200) cache.set(key, f);
  }
  return f;
}

/** "2:05 PM" / "14:05". */
export function clock(t: number, locale?: string): string {
  return format(locale, { timeStyle: 'short' }).format(t);
}

const sameDay = (a: Date, b: Date) => a.toDateString() === b.toDateString();

/** For lists: the time today, the weekday and time this week, the date before ("12 Mar", "Mar 12, 2024"). */
export function shortTime(t: number, now: number, locale?: string): string {
  const d = new Date(t);
  const today = new Date(now);
  if (sameDay(d, today)) return clock(t, locale);
  if (now - t < 6 * 24 * 3600 * 1000 && t < now) return `${format(locale, { weekday: 'short' }).format(t)} ${clock(t, locale)}`;
  if (d.getFullYear() === today.getFullYear()) return format(locale, { day: 'numeric', month: 'short' }).format(t);
  return format(locale, { day: 'numeric', month: 'short', year: 'numeric' }).format(t);
}

/** Full date and time, e.g. "25 Nov 2025, 14:05" or "Nov 25, 2025, 2:05 PM". */
export function fullTime(t: number, locale?: string): string {
  return format(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(t);
}

/** A day separator in a conversation: "Today", "Yesterday" or the date with its weekday. */
export function dayLabel(t: number, now: number, locale?: string): string {
  const d = new Date(t);
  const today = new Date(now);
  if (sameDay(d, today)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(today.getDate() - 1);
  if (sameDay(d, yesterday)) return 'Yesterday';
  return format(locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(t);
}

/** The time now in a visitor's time zone, e.g. "14:05 (Europe/Paris)"; null when the zone is missing or unknown. */
export function localTimeIn(now: number, timeZone: string | null | undefined, locale?: string): string | null {
  if (!timeZone) return null;
  try {
    return `${new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }).format(now)} (${timeZone})`;
  } catch {
    return null;
  }
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
