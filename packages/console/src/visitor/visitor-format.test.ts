import { describe, expect, it } from 'vitest';
import { OnlineVisitors } from './online-visitors';
import { deviceLabel, duration, hostOf, onlineName, visitsLabel } from './visitor-format';

describe('visitor words', () => {
  it('says durations, names, visits and devices', () => {
    expect(duration(0)).toBe('0 s');
    expect(duration(59_999)).toBe('59 s');
    expect(duration(3 * 60_000 + 5000)).toBe('3 min');
    expect(duration(65 * 60_000)).toBe('1 h 05 min');
    expect(duration(-5)).toBe('0 s');
    expect(onlineName({ id: '01ABCdef-xyz123', name: null })).toBe('Visitor XYZ123');
    expect(onlineName({ id: 'x', name: ' Maya ' })).toBe('Maya');
    expect(visitsLabel(1)).toBe('New visitor');
    expect(visitsLabel(4)).toBe('Returning visitor · 4 visits');
    expect(deviceLabel({ type: 'desktop', browser: 'Chrome', browserVersion: '126', os: 'macOS' })).toBe('Desktop · Chrome 126 on macOS');
    expect(deviceLabel({ type: 'mobile', browser: null, browserVersion: null, os: 'iOS' })).toBe('Phone · on iOS');
    expect(deviceLabel({ type: null, browser: null, browserVersion: null, os: null })).toBeNull();
    expect(hostOf('https://www.google.com/search?q=x')).toBe('www.google.com');
    expect(hostOf('nonsense')).toBe('nonsense');
  });
});

describe('the online visitors list', () => {
  const packed = (id: string, arrivedAt: number, page = '/') =>
    [id, null, `https://shop.example${page}`, null, arrivedAt, arrivedAt, 1, 0] as [string, null, string, null, number, number, number, 0];

  it('applies a snapshot, then arrivals, moves and departures, sorted by arrival either way', () => {
    const list = new OnlineVisitors();
    let calls = 0;
    list.subscribe(() => calls++);
    list.apply({ snapshot: true, visitors: [packed('a', 1000), packed('b', 3000), packed('c', 2000)], gone: [] });
    expect(list.sorted('arrival').map((v) => v.id)).toEqual(['b', 'c', 'a']);
    expect(list.sorted('time-on-site').map((v) => v.id)).toEqual(['a', 'c', 'b']);
    list.apply({ snapshot: false, visitors: [packed('d', 4000), packed('a', 1000, '/cart')], gone: ['c'] });
    expect(list.sorted('arrival').map((v) => v.id)).toEqual(['d', 'b', 'a']);
    expect(list.get('a')?.pageUrl).toBe('https://shop.example/cart');
    // A snapshot replaces everything (after a reconnect).
    list.apply({ snapshot: true, visitors: [packed('z', 1)], gone: [] });
    expect(list.sorted('arrival').map((v) => v.id)).toEqual(['z']);
    expect(calls).toBe(3);
    expect(list.version).toBe(3);
    // The sorted list is computed once per change.
    expect(list.sorted('arrival')).toBe(list.sorted('arrival'));
  });
});
