/** Times as operators read them: "14:05" today, "Mon 14:05" this week, "12 Mar" before. */
const pad = (n: number) => String(n).padStart(2, '0');

export function clock(t: number): string {
  const d = new Date(t);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function shortTime(t: number, now: number): string {
  const d = new Date(t);
  const today = new Date(now);
  if (d.toDateString() === today.toDateString()) return clock(t);
  if (now - t < 6 * 24 * 3600 * 1000 && t < now) return `${DAYS[d.getDay()]} ${clock(t)}`;
  const day = `${d.getDate()} ${MONTHS[d.getMonth()]}`;
  return d.getFullYear() === today.getFullYear() ? day : `${day} ${d.getFullYear()}`;
}

/** Full date and time, e.g. "25 Nov 2025, 14:05". */
export function fullTime(t: number): string {
  const d = new Date(t);
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}, ${clock(t)}`;
}

/** A day separator in a conversation: "Today", "Yesterday" or "Mon 24 Nov 2025". */
export function dayLabel(t: number, now: number): string {
  const d = new Date(t);
  const today = new Date(now);
  if (d.toDateString() === today.toDateString()) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(today.getDate() - 1);
  if (d.toDateString() === yesterday.toDateString()) return 'Yesterday';
  return `${DAYS[d.getDay()]} ${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()}`;
}

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
