import { describe, expect, it } from 'vitest';
import { type CatalogueProduct, Recommender, demoShop, engineRanker, hitRate, pageKeys, splitByTime } from '../src/index.js';

const p = (id: string, name: string, priceEur: number, extra: Partial<CatalogueProduct> = {}): CatalogueProduct => ({
  id,
  name,
  description: '',
  category: 'Lighting',
  priceMinor: priceEur * 100,
  currency: 'EUR',
  stock: 'in_stock',
  tags: [],
  attributes: {},
  pageUrl: `https://shop.example/p/${id}`,
  ...extra,
});

const catalogue = [
  p('lamp', 'Desk lamp', 40),
  p('lamp-plus', 'Desk lamp Plus', 55),
  p('lamp-max', 'Desk lamp Max', 61),
  p('lamp-pro', 'Desk lamp Pro', 45, { stock: 'out_of_stock' }),
  p('bulb', 'LED bulb', 5, { category: 'Parts' }),
  p('shade', 'Lamp shade', 15, { category: 'Parts' }),
  p('cable', 'Extension cable', 9, { category: 'Parts', stock: 'out_of_stock' }),
  p('boots', 'Trail boots', 120, { category: 'Footwear', description: 'Hiking boots with a grippy sole', attributes: { waterproof: 'yes' } }),
  p('socks', 'Wool socks', 12, { category: 'Footwear', tags: ['hiking'] }),
];
const relations = [
  { productId: 'lamp', relatedId: 'bulb', kind: 'accessory' as const },
  { productId: 'lamp', relatedId: 'cable', kind: 'accessory' as const },
];
const orders = (n: number, ids: string[]) => Array.from({ length: n }, (_, i) => ({ customerId: `c${i}`, at: i, productIds: ids }));
const engine = new Recommender(catalogue, relations, [...orders(12, ['lamp', 'shade']), ...orders(3, ['lamp', 'bulb']), ...orders(1, ['lamp', 'socks'])]);
const onLamp = { pageUrls: ['https://shop.example/p/lamp'] };
const byId = (r: ReturnType<Recommender['suggest']>) => Object.fromEntries(r.suggestions.map((s) => [s.productId, s]));

describe('product suggestions', () => {
  it('finds the product of the page viewed, ignoring host prefix, query, hash and a trailing slash', () => {
    expect(engine.productAt('https://www.shop.example/p/lamp/?utm_source=x#top')).toBe('lamp');
    expect(engine.productAt('http://localhost:3000/p/lamp')).toBe('lamp');
    expect(engine.productAt('https://shop.example/')).toBeNull();
    expect(pageKeys('javascript:alert(1)')).toBeNull();
  });

  it('cross-sells accessories and products bought together, with the reason and the count', () => {
    const r = byId(engine.suggest(onLamp));
    expect(r.bulb).toMatchObject({ kind: 'cross_sell', reason: 'Accessory of Desk lamp, bought with it in 3 orders', anchorId: 'lamp' });
    expect(r.shade).toMatchObject({ kind: 'cross_sell', reason: 'Often bought with Desk lamp (12 orders)' });
    // One order together is not "often".
    expect(r.socks).toBeUndefined();
  });

  it('up-sells the next better product of the category within the price step, in stock', () => {
    const r = byId(engine.suggest(onLamp));
    expect(r['lamp-plus']).toMatchObject({ kind: 'up_sell', reason: 'Better alternative in Lighting, +€15', anchorId: 'lamp' });
    expect(r['lamp-pro']).toBeUndefined(); // out of stock
    expect(r['lamp-max']).toBeUndefined(); // only the next better one
    const fromPlus = byId(engine.suggest({ contextIds: ['lamp-plus'] }));
    expect(fromPlus['lamp-max']?.reason).toBe('Better alternative in Lighting, +€6');
  });

  it('matches what the visitor asks for, quoting their words', () => {
    const r = engine.suggest({ visitorTexts: ['Hello', 'Do you have waterproof hiking boots?'] });
    expect(r.suggestions[0]).toMatchObject({ productId: 'boots', kind: 'match', reason: 'Matches “waterproof hiking boots”', anchorId: null });
    expect(engine.suggest({ visitorTexts: ['What time do you close?'] }).suggestions).toEqual([]);
  });

  it('takes a product named in the conversation as in context', () => {
    const r = engine.suggest({ visitorTexts: ['Is the desk lamp dimmable?'] });
    expect(r.contextIds).toEqual(['lamp']);
    expect(byId(r).bulb?.kind).toBe('cross_sell');
  });

  it('leaves out the products in context, bought, out of stock and duplicates; ranks by score', () => {
    const r = engine.suggest({ ...onLamp, boughtIds: ['shade'], visitorTexts: ['a lamp bulb'] });
    const ids = r.suggestions.map((s) => s.productId);
    expect(ids).not.toContain('lamp');
    expect(ids).not.toContain('shade');
    expect(ids).not.toContain('cable');
    expect(new Set(ids).size).toBe(ids.length);
    const scores = r.suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // The bulb is both an accessory and a match: its signals add up, it comes first.
    expect(ids[0]).toBe('bulb');
  });

  it('turns signals off one by one', () => {
    const only = (signals: Parameters<Recommender['suggest']>[0]['signals']) => engine.suggest({ ...onLamp, signals }).suggestions.map((s) => s.kind);
    expect(new Set(only({ cooccurrence: false, upsell: false, text: false }))).toEqual(new Set(['cross_sell']));
    expect(new Set(only({ relations: false, cooccurrence: false, text: false }))).toEqual(new Set(['up_sell']));
    expect(engine.suggest({}).suggestions).toEqual([]);
  });
});

describe('the seeded demo shop', () => {
  it('is the same for the same seed, and different for another', () => {
    const a = demoShop({ customers: 200 });
    const b = demoShop({ customers: 200 });
    expect(JSON.stringify(a.products)).toBe(JSON.stringify(b.products));
    expect(JSON.stringify(a.orders)).toBe(JSON.stringify(b.orders));
    expect(JSON.stringify(demoShop({ seed: 2, customers: 200 }).orders)).not.toBe(JSON.stringify(a.orders));
  });

  it('has a realistic catalogue and orders with structure', () => {
    const shop = demoShop();
    expect(shop.products.length).toBeGreaterThanOrEqual(60);
    expect(shop.products.length).toBeLessThanOrEqual(150);
    expect(new Set(shop.products.map((x) => x.category)).size).toBeGreaterThanOrEqual(8);
    expect(shop.relations.some((r) => r.kind === 'accessory') && shop.relations.some((r) => r.kind === 'alternative')).toBe(true);
    const accessoryOrders = shop.orders.filter((o) => o.items.length > 1).length;
    expect(accessoryOrders / shop.orders.length).toBeGreaterThan(0.2);
    for (const o of shop.orders) expect(o.valueMinor).toBe(o.items.reduce((s, i) => s + i.priceMinor * i.quantity, 0));
  });

  it('beats chance on its held-back orders', () => {
    const shop = demoShop({ customers: 1500 });
    const baskets = shop.orders.map((o) => ({ customerId: o.customerId, at: o.at, productIds: o.items.map((i) => i.productId) }));
    const { known, cases } = splitByTime(baskets, baskets[Math.floor(baskets.length * 0.75)]!.at);
    expect(cases.length).toBeGreaterThan(50);
    expect(hitRate(cases, engineRanker(new Recommender(shop.products, shop.relations, known)))).toBeGreaterThan(0.3);
  });
});
