/**
 * Who gets the head of the queue, as a list to try in order (the first with
 * room takes it): round robin goes round the members in the order they
 * joined, starting after the one who got the last conversation; least busy
 * takes the fewest open conversations first, ties to the longest idle (the
 * longest since their last assignment; never assigned counts as longest).
 * Pure, so the modes are tested on their own.
 */
import type { Candidate } from './queue.repository.js';
import type { AssignmentMode } from './team-routing.js';

export interface PickInput {
  mode: AssignmentMode;
  /** Eligible members (online, on shift), in the order they joined the team. */
  candidates: Candidate[];
  loads: Map<string, number>;
  defaultCapacity: number;
  /** Round robin: who got the last one. */
  lastAssigneeId: string | null;
}

export const capacityOf = (c: Candidate, defaultCapacity: number): number => c.capacity ?? defaultCapacity;

export function pickOrder(p: PickInput): Candidate[] {
  const roomy = p.candidates.filter((c) => (p.loads.get(c.id) ?? 0) < capacityOf(c, p.defaultCapacity));
  if (p.mode === 'round_robin') {
    const i = p.lastAssigneeId ? p.candidates.findIndex((c) => c.id === p.lastAssigneeId) : -1;
    if (i < 0) return roomy;
    const after = new Set(p.candidates.slice(i + 1).map((c) => c.id));
    return [...roomy.filter((c) => after.has(c.id)), ...roomy.filter((c) => !after.has(c.id))];
  }
  if (p.mode === 'least_busy') {
    return [...roomy].sort(
      (a, b) => (p.loads.get(a.id) ?? 0) - (p.loads.get(b.id) ?? 0) || (a.lastAssignedAt ?? -1) - (b.lastAssignedAt ?? -1) || (a.id < b.id ? -1 : 1),
    );
  }
  return [];
}
