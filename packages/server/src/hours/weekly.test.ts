import { describe, expect, it } from 'vitest';
import { checkDated, checkDates, checkWeekly, checkZone } from './check.js';
import { isOpenAt, nextChange, nextStart, stretches, type WeeklySchedule } from './weekly.js';
import { dayOfDate, isTimeZone, localTime, offsetAt, toInstant, weekdayOf } from './zone.js';

const H = 3_600_000;
const at = (iso: string) => Date.parse(iso);
const weekdays = (start: string, end: string) => [1, 2, 3, 4, 5].map((day) => ({ day, start, end }));
const schedule = (p: Partial<WeeklySchedule>): WeeklySchedule => ({ timeZone: 'Europe/Paris', weekly: [], closedDates: [], extra: [], ...p });

describe('zone', () => {
  it('knows zone names and refuses the rest', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('America/Argentina/Buenos_Aires')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('+02:00')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
  it('gives offsets on both sides of a DST change', () => {
    expect(offsetAt(at('2026-03-29T00:59:00Z'), 'Europe/Paris')).toBe(H);
    expect(offsetAt(at('2026-03-29T01:00:00Z'), 'Europe/Paris')).toBe(2 * H);
    expect(offsetAt(at('2026-07-01T12:00:00Z'), 'Asia/Kolkata')).toBe(5.5 * H);
  });
  it('reads local days and minutes, and weekdays', () => {
    const day = dayOfDate('2026-01-05')!;
    expect(weekdayOf(day)).toBe(1);
    expect(weekdayOf(dayOfDate('2026-01-11')!)).toBe(7);
    expect(localTime(at('2026-01-05T23:30:00Z'), 'Europe/Paris')).toEqual({ day: day + 1, minute: 30 });
    expect(dayOfDate('2026-02-30')).toBeNull();
  });
  it('takes the moment after a skipped hour, and the first of a repeated one', () => {
    const spring = dayOfDate('2026-03-29')!;
    // 02:30 does not exist in Paris that day: 03:30 summer time.
    expect(toInstant(spring, 150, 'Europe/Paris')).toBe(at('2026-03-29T01:30:00Z'));
    const autumn = dayOfDate('2026-10-25')!;
    // 02:30 happens twice: the first, still summer time.
    expect(toInstant(autumn, 150, 'Europe/Paris')).toBe(at('2026-10-25T00:30:00Z'));
    expect(toInstant(autumn, 9 * 60, 'Europe/Paris')).toBe(at('2026-10-25T08:00:00Z'));
  });
});

describe('weekly schedule', () => {
  const office = schedule({ weekly: [...weekdays('09:00', '12:00'), ...weekdays('13:00', '17:30')] });

  it('is open inside the intervals of the day, in its zone', () => {
    expect(isOpenAt(office, at('2026-01-05T08:00:00Z'))).toBe(true); // Monday 09:00 Paris
    expect(isOpenAt(office, at('2026-01-05T07:59:59Z'))).toBe(false);
    expect(isOpenAt(office, at('2026-01-05T11:30:00Z'))).toBe(false); // lunch
    expect(isOpenAt(office, at('2026-01-05T16:29:00Z'))).toBe(true);
    expect(isOpenAt(office, at('2026-01-05T16:30:00Z'))).toBe(false); // 17:30: closed
    expect(isOpenAt(office, at('2026-01-10T10:00:00Z'))).toBe(false); // Saturday
  });

  it('says the next change: closing at lunch, opening after, Monday after a weekend', () => {
    expect(nextChange(office, at('2026-01-05T09:00:00Z'))).toEqual({ open: true, at: at('2026-01-05T11:00:00Z') });
    expect(nextChange(office, at('2026-01-05T11:00:00Z'))).toEqual({ open: false, at: at('2026-01-05T12:00:00Z') });
    expect(nextChange(office, at('2026-01-09T17:00:00Z'))).toEqual({ open: false, at: at('2026-01-12T08:00:00Z') });
    expect(nextStart(office, at('2026-01-05T09:00:00Z'))).toBe(at('2026-01-05T12:00:00Z'));
  });

  it('keeps local hours across DST changes (New York and Paris)', () => {
    const ny = schedule({ timeZone: 'America/New_York', weekly: [{ day: 7, start: '09:00', end: '17:00' }, ...weekdays('09:00', '17:00')] });
    // Sunday 8 March 2026: clocks go forward at 02:00; 09:00 is EDT (UTC-4).
    expect(nextChange(ny, at('2026-03-08T05:00:00Z'))).toEqual({ open: false, at: at('2026-03-08T13:00:00Z') });
    expect(nextChange(ny, at('2026-03-08T13:00:00Z'))).toEqual({ open: true, at: at('2026-03-08T21:00:00Z') });
    // Sunday 1 November 2026: back to EST (UTC-5).
    expect(nextChange(ny, at('2026-11-01T05:00:00Z'))).toEqual({ open: false, at: at('2026-11-01T14:00:00Z') });
    // An interval over the skipped hour is an hour shorter; over the repeated hour, an hour longer.
    const night = schedule({ weekly: [{ day: 7, start: '01:00', end: '04:00' }] });
    const [spring] = stretches(night, at('2026-03-28T12:00:00Z'), at('2026-03-29T12:00:00Z'));
    expect(spring!.end - spring!.start).toBe(2 * H);
    const [autumn] = stretches(night, at('2026-10-24T12:00:00Z'), at('2026-10-25T12:00:00Z'));
    expect(autumn!.end - autumn!.start).toBe(4 * H);
  });

  it('joins an overnight interval written as two (22:00–24:00 then 00:00–06:00)', () => {
    const nights = schedule({
      timeZone: 'UTC',
      weekly: [
        { day: 5, start: '22:00', end: '24:00' },
        { day: 6, start: '00:00', end: '06:00' },
      ],
    });
    expect(isOpenAt(nights, at('2026-01-09T23:59:00Z'))).toBe(true);
    expect(isOpenAt(nights, at('2026-01-10T00:00:00Z'))).toBe(true);
    expect(nextChange(nights, at('2026-01-09T22:00:00Z'))).toEqual({ open: true, at: at('2026-01-10T06:00:00Z') });
  });

  it('is closed all day on a holiday, and says when it is back', () => {
    const withHoliday = { ...office, closedDates: ['2026-01-05'] };
    expect(isOpenAt(withHoliday, at('2026-01-05T09:00:00Z'))).toBe(false);
    expect(nextChange(withHoliday, at('2026-01-04T20:00:00Z'))).toEqual({ open: false, at: at('2026-01-06T08:00:00Z') });
  });

  it('opens on extra intervals of a date (an exception), and not on a day off', () => {
    const shift = schedule({ weekly: weekdays('09:00', '17:00'), closedDates: ['2026-01-06'], extra: [{ date: '2026-01-10', start: '10:00', end: '14:00' }] });
    expect(isOpenAt(shift, at('2026-01-06T10:00:00Z'))).toBe(false);
    expect(isOpenAt(shift, at('2026-01-10T10:00:00Z'))).toBe(true);
    expect(nextChange(shift, at('2026-01-10T10:00:00Z'))).toEqual({ open: true, at: at('2026-01-10T13:00:00Z') });
  });

  it('never changes when always open or never open', () => {
    const always = schedule({ weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: '00:00', end: '24:00' })) });
    expect(nextChange(always, at('2026-01-05T09:00:00Z'))).toEqual({ open: true, at: null });
    expect(nextChange(schedule({}), at('2026-01-05T09:00:00Z'))).toEqual({ open: false, at: null });
  });
});

describe('schedule checks', () => {
  const codes = (p: { code: string }[]) => p.map((x) => x.code);
  it('refuses a bad zone, an end before its start, overlaps, bad and repeated dates', () => {
    expect(codes(checkZone('Europe/Atlantis'))).toEqual(['invalid_time_zone']);
    expect(checkWeekly([{ day: 1, start: '17:00', end: '09:00' }])).toEqual([expect.objectContaining({ path: 'weekly.0.end', code: 'end_before_start' })]);
    expect(codes(checkWeekly([{ day: 1, start: '25:00', end: '26:00' }]))).toEqual(['invalid_time']);
    expect(
      checkWeekly([
        { day: 1, start: '09:00', end: '12:00' },
        { day: 1, start: '11:00', end: '13:00' },
      ]),
    ).toEqual([expect.objectContaining({ path: 'weekly.1', code: 'overlapping_intervals' })]);
    expect(
      checkWeekly([
        { day: 1, start: '09:00', end: '12:00' },
        { day: 1, start: '12:00', end: '24:00' },
        { day: 2, start: '11:00', end: '13:00' },
      ]),
    ).toEqual([]);
    expect(codes(checkDates(['2026-12-25', '2026-02-30', '2026-12-25'], 'holidays'))).toEqual(['invalid_date', 'duplicate_date']);
    expect(
      codes(
        checkDated(
          [
            { date: '2026-01-10', start: '10:00', end: '12:00' },
            { date: '2026-01-10', start: '11:00', end: '12:00' },
          ],
          'extra',
        ),
      ),
    ).toEqual(['overlapping_intervals']);
  });
});
