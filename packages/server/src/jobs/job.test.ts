import { describe, expect, it } from 'vitest';
import { backoffMs } from './job.js';

describe('the backoff between tries', () => {
  it('doubles from 10 s to at most an hour, its second half random', () => {
    expect([1, 2, 3, 4].map((a) => backoffMs(a, () => 0))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect([1, 2, 3].map((a) => backoffMs(a, () => 1))).toEqual([10_000, 20_000, 40_000]);
    expect(backoffMs(30, () => 1)).toBe(3600_000);
    expect(backoffMs(30, () => 0)).toBe(1800_000);
  });
});
