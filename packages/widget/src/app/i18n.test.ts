import { describe, expect, it } from 'vitest';
import { en } from '../i18n/en.js';
import { errorText } from './errors.js';
import { replyTimeText } from './header.js';
import { backAt, duration, time } from './i18n.js';

describe('the widget’s words at run time (English, built in)', () => {
  it('says a measured reply time in whole minutes, hours or days', () => {
    expect(duration(20_000)).toBe('1 minute');
    expect(duration(5 * 60_000)).toBe('5 minutes');
    expect(duration(100 * 60_000)).toBe('2 hours');
    expect(duration(3 * 24 * 3600_000)).toBe('3 days');
    expect(replyTimeText({ kind: 'measured', ms: 5 * 60_000 })).toBe('Usually replies in about 5 minutes');
    expect(replyTimeText({ kind: 'hour', ms: null })).toBe('Usually replies within an hour');
    expect(replyTimeText(null)).toBeNull();
  });

  it('turns the server’s error codes into its own words, never the server’s message', () => {
    expect(errorText({ code: 'too_large', message: 'Files are limited to 10 MB' })).toBe(en.errorTooLarge);
    expect(errorText({ code: 'unsupported_media_type' })).toBe(en.errorFileType);
    expect(errorText({ code: 'rate_limited' })).toBe(en.errorRateLimited);
    expect(errorText({ code: 'network' })).toBe(en.errorNetwork);
    expect(errorText({ code: 'something_new', message: 'Server words' })).toBe(en.errorGeneric);
    expect(errorText(new Error('boom'))).toBe(en.errorGeneric);
  });

  it('says when the team is back: today, tomorrow, a weekday this week, a date after', () => {
    const now = new Date(2027, 0, 4, 20, 0).getTime(); // a Monday evening, the visitor's time
    const at = (day: number, hour: number) => new Date(2027, 0, day, hour, 0).getTime();
    expect(backAt(at(4, 21), now)).toBe(`We’re back at ${time(at(4, 21))}.`);
    expect(backAt(at(5, 9), now)).toBe(`We’re back tomorrow at ${time(at(5, 9))}.`);
    expect(backAt(at(7, 9), now)).toBe(`We’re back on Thursday at ${time(at(7, 9))}.`);
    expect(backAt(at(14, 9), now)).toBe(`We’re back on Thursday, January 14 at ${time(at(14, 9))}.`);
    expect(backAt(null, now)).toBe('We’re closed right now.');
  });
});
