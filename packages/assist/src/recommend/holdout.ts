/**
 * Held-back data from tracked orders (the bench of E3): orders before a cut
 * in time are what the shop knows (the engine's bought-together counts and
 * popularity come only from them); for each customer with orders on both
 * sides, their orders before the cut are the history and their first order
 * after it is the next purchase to predict. A hit: one of the top three
 * suggestions is in that order.
 */
import { type Random, seededRandom } from './prng.js';
import type { Recommender } from './recommender.js';
import type { Basket, CatalogueProduct, Signals } from './types.js';

export interface HoldoutCase {
  customerId: string;
  /** The customer's products before the cut, newest first. */
  history: string[];
  next: Set<string>;
}

export function splitByTime(baskets: readonly Basket[], cutAt: number): { known: Basket[]; cases: HoldoutCase[] } {
  const known = baskets.filter((b) => b.at < cutAt);
  const byCustomer = new Map<string, Basket[]>();
  for (const b of [...baskets].sort((x, y) => x.at - y.at)) {
    const list = byCustomer.get(b.customerId) ?? [];
    list.push(b);
    byCustomer.set(b.customerId, list);
  }
  const cases: HoldoutCase[] = [];
  for (const [customerId, list] of byCustomer) {
    const before = list.filter((b) => b.at < cutAt);
    const after = list.find((b) => b.at >= cutAt);
    if (before.length === 0 || !after) continue;
    const history = [...new Set(before.reverse().flatMap((b) => b.productIds))];
    cases.push({ customerId, history, next: new Set(after.productIds) });
  }
  return { known, cases };
}

export type Ranker = (c: HoldoutCase) => string[];

/** The share of cases whose next order holds one of the ranker's first `k` products. */
export function hitRate(cases: readonly HoldoutCase[], rank: Ranker, k = 3): number {
  if (cases.length === 0) return 0;
  let hits = 0;
  for (const c of cases)
    if (
      rank(c)
        .slice(0, k)
        .some((id) => c.next.has(id))
    )
      hits++;
  return hits / cases.length;
}

/** The engine with the history as the products in context (newest first) and as what was bought. */
export const engineRanker =
  (engine: Recommender, signals?: Partial<Signals>): Ranker =>
  (c) =>
    engine.suggest({ contextIds: c.history, boughtIds: c.history, limit: 3, signals }).suggestions.map((s) => s.productId);

/** Baseline: the most ordered products before the cut, less those the customer has. */
export const popularRanker =
  (engine: Recommender): Ranker =>
  (c) => {
    const had = new Set(c.history);
    return engine.mostPopular().filter((id) => !had.has(id));
  };

/** Baseline: products drawn at random from the categories of the customer's newest products. */
export function sameCategoryRanker(catalogue: readonly CatalogueProduct[], seed: number): Ranker {
  const random: Random = seededRandom(seed);
  const byCategory = new Map<string, string[]>();
  for (const p of catalogue) if (p.category) byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p.id]);
  const categoryOf = new Map(catalogue.map((p) => [p.id, p.category]));
  return (c) => {
    const had = new Set(c.history);
    const pool = [
      ...new Set(
        c.history
          .slice(0, 3)
          .map((id) => categoryOf.get(id))
          .filter((x): x is string => !!x),
      ),
    ].flatMap((cat) => byCategory.get(cat) ?? []);
    const open = pool.filter((id) => !had.has(id));
    const out: string[] = [];
    while (out.length < 3 && open.length > 0) out.push(open.splice(Math.floor(random() * open.length), 1)[0]!);
    return out;
  };
}
