/**
 * Bought together: for each product, in how many tracked orders it appears
 * and with which other products. Each order counts once per pair, whatever
 * the quantities; a very large order (a reseller's) is capped so it cannot
 * swamp the counts.
 */
import type { Basket } from './types.js';

const MAX_ITEMS_PER_ORDER = 30;

export class CoOccurrence {
  private readonly orders = new Map<string, number>();
  private readonly pairs = new Map<string, Map<string, number>>();
  private readonly popularity = new Map<string, number>();

  constructor(baskets: Iterable<Basket>) {
    for (const b of baskets) this.add(b.productIds);
  }

  add(productIds: readonly string[]): void {
    const ids = [...new Set(productIds)].slice(0, MAX_ITEMS_PER_ORDER);
    for (const a of ids) {
      this.orders.set(a, (this.orders.get(a) ?? 0) + 1);
      this.popularity.set(a, (this.popularity.get(a) ?? 0) + 1);
      const row = this.pairs.get(a) ?? new Map<string, number>();
      this.pairs.set(a, row);
      for (const b of ids) if (b !== a) row.set(b, (row.get(b) ?? 0) + 1);
    }
  }

  /** Orders holding the product. */
  ordersOf(id: string): number {
    return this.orders.get(id) ?? 0;
  }

  /** Products bought with this one, with the number of orders holding both. */
  with(id: string): ReadonlyMap<string, number> {
    return this.pairs.get(id) ?? new Map();
  }

  /** Product ids by the number of orders holding them, most first (ties by id). */
  mostPopular(): string[] {
    return [...this.popularity.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([id]) => id);
  }
}
