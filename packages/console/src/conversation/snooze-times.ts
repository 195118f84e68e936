/** The times an operator picks from to snooze or to send later, computed in their own time zone. */

export interface SnoozeChoice {
  label: string;
  /** Epoch ms, or null: until the visitor writes. */
  until: number | null;
}

/** 9:00 on the day `days` after `now`'s, local time. */
function nineAm(now: number, days: number): number {
  const d = new Date(now);
  d.setDate(d.getDate() + days);
  d.setHours(9, 0, 0, 0);
  return d.getTime();
}

/** In one hour, tomorrow at 9:00, next Monday at 9:00: for snoozing and for sending later. */
export function laterChoices(now: number): { label: string; until: number }[] {
  const d = new Date(now);
  // Next Monday: never today, even on a Monday (that would be "in a week").
  const toMonday = (8 - d.getDay()) % 7 || 7;
  return [
    { label: 'In one hour', until: now + 3600_000 },
    { label: 'Tomorrow at 9:00', until: nineAm(now, 1) },
    { label: 'Next Monday at 9:00', until: nineAm(now, toMonday) },
  ];
}

export function snoozeChoices(now: number): SnoozeChoice[] {
  return [...laterChoices(now), { label: 'Until the visitor replies', until: null }];
}

/** The value of a datetime-local input as epoch ms (local time); null when empty or invalid. */
export function fromLocalInput(value: string): number | null {
  if (!value) return null;
  const t = new Date(value).getTime();
  return Number.isFinite(t) ? t : null;
}
