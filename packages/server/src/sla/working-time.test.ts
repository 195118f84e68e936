import { describe, expect, it } from 'vitest';
import type { WeeklySchedule } from '../hours/weekly.js';
import { addWorkingMs, workingMsBetween } from './working-time.js';

const H = 3_600_000;
const M = 60_000;
const at = (iso: string) => Date.parse(iso);
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
// Paris in January is UTC+1: 09:00–17:00 local is 08:00–16:00 UTC. 2026-01-05 is a Monday.
const paris = (p: Partial<WeeklySchedule> = {}): WeeklySchedule => ({
  timeZone: 'Europe/Paris',
  weekly: weekdays('09:00', '17:00'),
  closedDates: [],
  extra: [],
  ...p,
});

describe('working time', () => {
  it('counts every moment without a schedule', () => {
    expect(workingMsBetween(null, 0, 5 * H)).toBe(5 * H);
    expect(addWorkingMs(null, 1000, 30 * M)).toBe(1000 + 30 * M);
  });
  it('counts open time inside one day', () => {
    expect(workingMsBetween(paris(), at('2026-01-05T09:00:00Z'), at('2026-01-05T10:30:00Z'))).toBe(1.5 * H);
    expect(addWorkingMs(paris(), at('2026-01-05T09:00:00Z'), 30 * M)).toBe(at('2026-01-05T09:30:00Z'));
  });
  it('pauses over a closed night', () => {
    // 15:30 UTC Monday: 30 minutes left today, then Tuesday 08:00 UTC.
    expect(addWorkingMs(paris(), at('2026-01-05T15:30:00Z'), H)).toBe(at('2026-01-06T08:30:00Z'));
    expect(workingMsBetween(paris(), at('2026-01-05T15:30:00Z'), at('2026-01-06T08:30:00Z'))).toBe(H);
  });
  it('starts counting at the next opening when closed', () => {
    expect(addWorkingMs(paris(), at('2026-01-05T03:00:00Z'), 0)).toBe(at('2026-01-05T08:00:00Z'));
    expect(addWorkingMs(paris(), at('2026-01-05T03:00:00Z'), 10 * M)).toBe(at('2026-01-05T08:10:00Z'));
  });
  it('skips the weekend', () => {
    // Friday 2026-01-09 15:00 UTC, two hours: one on Friday, one on Monday.
    expect(addWorkingMs(paris(), at('2026-01-09T15:00:00Z'), 2 * H)).toBe(at('2026-01-12T09:00:00Z'));
    expect(workingMsBetween(paris(), at('2026-01-09T00:00:00Z'), at('2026-01-12T23:00:00Z'))).toBe(16 * H);
  });
  it('skips holidays', () => {
    const s = paris({ closedDates: ['2026-01-06'] });
    expect(addWorkingMs(s, at('2026-01-05T15:30:00Z'), H)).toBe(at('2026-01-07T08:30:00Z'));
    expect(workingMsBetween(s, at('2026-01-05T00:00:00Z'), at('2026-01-08T00:00:00Z'))).toBe(16 * H);
  });
  it('joins an overnight stretch across midnight', () => {
    const s: WeeklySchedule = {
      timeZone: 'UTC',
      weekly: [1, 2, 3, 4, 5, 6, 7].flatMap((day) => [
        { day, start: '22:00', end: '24:00' },
        { day, start: '00:00', end: '06:00' },
      ]),
      closedDates: [],
      extra: [],
    };
    expect(addWorkingMs(s, at('2026-01-05T23:00:00Z'), 2 * H)).toBe(at('2026-01-06T01:00:00Z'));
  });
  it('works across windows of more than a week', () => {
    expect(addWorkingMs(paris(), at('2026-01-05T08:00:00Z'), 80 * H)).toBe(at('2026-01-16T16:00:00Z'));
    expect(workingMsBetween(paris(), at('2026-01-05T00:00:00Z'), at('2026-01-19T00:00:00Z'))).toBe(80 * H);
  });
  it('never gets there with a schedule that never opens', () => {
    expect(addWorkingMs(paris({ weekly: [] }), at('2026-01-05T08:00:00Z'), H)).toBeNull();
  });
  it('knows daylight saving time', () => {
    // Paris goes to summer time on Sunday 2026-03-29: Monday 09:00 local is 07:00 UTC.
    expect(addWorkingMs(paris(), at('2026-03-27T15:30:00Z'), H)).toBe(at('2026-03-30T07:30:00Z'));
  });
});
