/**
 * Who is on the site now, as the Visitors page shows it: kept in one mutable
 * map (thousands of entries, changed every second), not in the console's
 * immutable state, and sorted once per batch. The server sends a snapshot
 * when the page starts following, then at most one change per visitor per
 * second; components read a version number and re-render once per batch.
 */
import { type OnlineVisitor, type PackedVisitor, unpackVisitor } from '@switchboard/protocol';

export type VisitorSort = 'arrival' | 'time-on-site';

export interface VisitorsBatch {
  snapshot: boolean;
  visitors: PackedVisitor[];
  gone: string[];
}

export class OnlineVisitors {
  private readonly byId = new Map<string, OnlineVisitor>();
  private sortedCache: OnlineVisitor[] | null = null;
  private sortedBy: VisitorSort | null = null;
  private readonly listeners = new Set<() => void>();
  /** Changes whenever the list does. */
  version = 0;
  /** A snapshot has arrived since following started. */
  loaded = false;

  get size(): number {
    return this.byId.size;
  }

  get(id: string): OnlineVisitor | undefined {
    return this.byId.get(id);
  }

  apply(batch: VisitorsBatch): void {
    if (batch.snapshot) {
      this.byId.clear();
      this.loaded = true;
    }
    for (const p of batch.visitors) {
      const v = unpackVisitor(p);
      this.byId.set(v.id, v);
    }
    for (const id of batch.gone) this.byId.delete(id);
    this.changed();
  }

  /** Nothing followed any more: the list is forgotten (it would go stale). */
  clear(): void {
    this.byId.clear();
    this.loaded = false;
    this.changed();
  }

  /** Newest arrivals first, or the longest on the site first; ties by id, so rows never swap at random. */
  sorted(by: VisitorSort): OnlineVisitor[] {
    if (this.sortedCache && this.sortedBy === by) return this.sortedCache;
    const dir = by === 'arrival' ? -1 : 1;
    this.sortedCache = [...this.byId.values()].sort((a, b) => dir * (a.arrivedAt - b.arrivedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    this.sortedBy = by;
    return this.sortedCache;
  }

  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private changed(): void {
    this.version++;
    this.sortedCache = null;
    for (const fn of this.listeners) fn();
  }
}

export const onlineVisitors = new OnlineVisitors();
