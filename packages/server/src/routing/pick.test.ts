import { describe, expect, it } from 'vitest';
import { pickOrder } from './pick.js';
import type { Candidate } from './queue.repository.js';

const op = (id: string, lastAssignedAt: number | null = null, capacity: number | null = null): Candidate => ({ id, name: id, capacity, lastAssignedAt });
const loads = (o: Record<string, number>) => new Map(Object.entries(o));

describe('who gets the head of the queue', () => {
  const team = [op('a', 30), op('b', 10), op('c', null), op('d', 20)];

  it('round robin: round the members in the order they joined, after the last one given a conversation', () => {
    const order = (last: string | null) =>
      pickOrder({ mode: 'round_robin', candidates: team, loads: loads({}), defaultCapacity: 2, lastAssigneeId: last }).map((c) => c.id);
    expect(order(null)).toEqual(['a', 'b', 'c', 'd']);
    expect(order('b')).toEqual(['c', 'd', 'a', 'b']);
    expect(order('d')).toEqual(['a', 'b', 'c', 'd']);
    // The last one left the team: from the start.
    expect(order('gone')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('least busy: fewest open conversations first, ties to the longest idle (never assigned first)', () => {
    const order = pickOrder({ mode: 'least_busy', candidates: team, loads: loads({ a: 1, b: 1, c: 1, d: 0 }), defaultCapacity: 3, lastAssigneeId: null });
    expect(order.map((c) => c.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('never offers an operator at capacity; their own capacity wins over the team default', () => {
    const members = [op('a', null, 1), op('b', null), op('c', null, 5)];
    const order = (mode: 'round_robin' | 'least_busy') =>
      pickOrder({ mode, candidates: members, loads: loads({ a: 1, b: 2, c: 4 }), defaultCapacity: 2, lastAssigneeId: null }).map((c) => c.id);
    expect(order('round_robin')).toEqual(['c']);
    expect(order('least_busy')).toEqual(['c']);
  });

  it('manual: nobody', () => {
    expect(pickOrder({ mode: 'manual', candidates: team, loads: loads({}), defaultCapacity: 2, lastAssigneeId: null })).toEqual([]);
  });
});
