import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock.js';

describe('the manual clock', () => {
  it('runs the timers that fall due, in time order, at their own time', async () => {
    const clock = new ManualClock(1_000);
    const seen: [string, number][] = [];
    clock.setTimeout(() => seen.push(['b', clock.now()]), 200);
    clock.setTimeout(() => seen.push(['a', clock.now()]), 100);
    const never = clock.setTimeout(() => seen.push(['x', clock.now()]), 150);
    clock.clearTimeout(never);
    clock.setTimeout(() => seen.push(['late', clock.now()]), 5_000);
    await clock.advance(300);
    expect(seen).toEqual([
      ['a', 1_100],
      ['b', 1_200],
    ]);
    expect(clock.now()).toBe(1_300);
  });

  it('runs a timer a timer sets, when it falls inside the same advance', async () => {
    const clock = new ManualClock(0);
    const seen: number[] = [];
    const tick = () => {
      seen.push(clock.now());
      if (seen.length < 3) clock.setTimeout(tick, 10);
    };
    clock.setTimeout(tick, 10);
    await clock.advance(100);
    expect(seen).toEqual([10, 20, 30]);
  });
});
