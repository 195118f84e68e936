import { describe, expect, it } from 'vitest';
import { PRIORITIES, priorityOf, priorityRank } from './priority.js';

describe('priority', () => {
  it('orders urgent, high, normal, low, and reads an unknown number as normal', () => {
    expect(PRIORITIES.map(priorityRank)).toEqual([0, 1, 2, 3]);
    expect([...PRIORITIES].sort((a, b) => priorityRank(a) - priorityRank(b))).toEqual(['urgent', 'high', 'normal', 'low']);
    expect(priorityOf(7)).toBe('normal');
  });
});
