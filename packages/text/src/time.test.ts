import { describe, expect, it } from 'vitest';
import { clock, dayLabel, fullTime, shortTime } from './time.js';

// 14:05 local time on a Wednesday (tests run in the machine's zone: build times from local parts).
const t = new Date(2025, 0, 15, 14, 5).getTime();
const day = 24 * 3600 * 1000;

describe('times in the reader’s locale', () => {
  it('writes the clock the way each locale does', () => {
    expect(clock(t, 'en-US')).toBe('2:05 PM');
    expect(clock(t, 'en-GB')).toBe('14:05');
    expect(clock(t, 'de-DE')).toBe('14:05');
    expect(clock(new Date(2025, 0, 15, 8, 5).getTime(), 'en-GB')).toBe('08:05');
  });

  it('shortens list times by age', () => {
    expect(shortTime(t, t + 60_000, 'en-GB')).toBe('14:05');
    expect(shortTime(t, t + 2 * day, 'en-GB')).toBe('Wed 14:05');
    expect(shortTime(t, t + 40 * day, 'en-GB')).toBe('15 Jan');
    expect(shortTime(t, t + 400 * day, 'en-US')).toBe('Jan 15, 2025');
  });

  it('labels days and full times', () => {
    expect(dayLabel(t, t + 1000, 'en-GB')).toBe('Today');
    expect(dayLabel(t, t + day, 'en-GB')).toBe('Yesterday');
    expect(dayLabel(t, t + 3 * day, 'en-GB')).toBe('Wed, 15 Jan 2025');
    expect(fullTime(t, 'en-US')).toBe('Jan 15, 2025, 2:05 PM');
  });

  it('falls back to the runtime’s locale for a malformed one', () => {
    expect(clock(t, 'not a locale!')).toBe(clock(t));
  });
});
