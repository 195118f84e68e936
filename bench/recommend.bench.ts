/**
 * Product suggestions (E3) on held-back data: the seeded demo shop's tracked
 * orders are cut in time (the first 75 % of orders are what the shop knows;
 * the engine's bought-together counts and popularity come only from them);
 * for each customer with orders on both sides, the history before the cut is
 * the products in context and the first order after it is the next purchase.
 * Printed: the hit rate of the top three suggestions (one of them is in that
 * order), beside two baselines and each signal alone. The engine's weights
 * were set before this bench ran and are not tuned on the held-out orders.
 * The visitor's words are not part of it (the orders have none).
 *
 *   npx tsx bench/recommend.bench.ts        (BENCH_RECOMMEND_CUSTOMERS, BENCH_RECOMMEND_SEED)
 */
import { Recommender, demoShop, engineRanker, hitRate, popularRanker, sameCategoryRanker, splitByTime } from '@switchboard/assist';
import { figure } from './support.js';

const CUSTOMERS = Number(process.env.BENCH_RECOMMEND_CUSTOMERS ?? 4000);
const SEED = Number(process.env.BENCH_RECOMMEND_SEED ?? 15);

const started = performance.now();
const shop = demoShop({ seed: SEED, customers: CUSTOMERS });
const baskets = shop.orders.map((o) => ({ customerId: o.customerId, at: o.at, productIds: o.items.map((i) => i.productId) }));
const cutAt = baskets[Math.floor(baskets.length * 0.75)]!.at;
const { known, cases } = splitByTime(baskets, cutAt);
const engine = new Recommender(shop.products, shop.relations, known);
console.log(
  `Seeded demo shop (seed ${SEED}): ${shop.products.length} products, ${shop.relations.length} catalogue relations, ${shop.orders.length} orders of ${CUSTOMERS} customers`,
);
console.log(`Cut at ${new Date(cutAt).toISOString().slice(0, 10)}: ${known.length} orders known, ${cases.length} customers' next purchases held back`);
console.log('Hit rate of the top three suggestions against the next purchase:');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const SEEDS = [1, 2, 3, 4, 5];
const random = SEEDS.reduce((s, seed) => s + hitRate(cases, sameCategoryRanker(shop.products, seed)), 0) / SEEDS.length;
const popular = hitRate(cases, popularRanker(engine));
const rows: [string, number][] = [
  ['baseline: most popular', popular],
  ['baseline: same category, random (mean of 5)', random],
  ['catalogue relations only', hitRate(cases, engineRanker(engine, { cooccurrence: false, upsell: false, text: false }))],
  ['bought together only', hitRate(cases, engineRanker(engine, { relations: false, upsell: false, text: false }))],
  ['up-sell only', hitRate(cases, engineRanker(engine, { relations: false, cooccurrence: false, text: false }))],
];
for (const [name, value] of rows) figure(name, pct(value), '-', null);
const combined = hitRate(cases, engineRanker(engine));
figure('combined (what operators see)', pct(combined), 'above both baselines', combined > popular && combined > random);
const t0 = performance.now();
for (const c of cases) engine.suggest({ contextIds: c.history, boughtIds: c.history, limit: 3 });
figure('time per suggestion', `${((performance.now() - t0) / Math.max(1, cases.length)).toFixed(3)} ms`, '-', null);
console.log(`(whole bench ${((performance.now() - started) / 1000).toFixed(1)} s; reproduce: npx tsx bench/recommend.bench.ts)`);
