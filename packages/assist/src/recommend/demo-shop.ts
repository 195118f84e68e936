/**
 * A seeded demo shop (Acme Outdoor): a catalogue of about a hundred products
 * in eight categories, each main product in four quality tiers of three
 * sizes (so the next tier is an up-sell within a price step) with its
 * category's accessories, and a year of orders with real structure: a first
 * order of a main product with some of its accessories, later orders that
 * complete it (accessories not bought yet), upgrade it (the next tier), add
 * its usual companion (a sleeping mat with a tent: bought together but not a
 * catalogue relation, so only the tracked orders show it) or start something
 * new in the customer's favourite categories; popularity is skewed within
 * each category and a little noise is mixed in. The same seed gives the same
 * shop and the same orders.
 */
import { type Random, pick, pickWeighted, seededRandom } from './prng.js';
import type { CatalogueProduct, CatalogueRelation } from './types.js';

interface Line {
  category: string;
  slug: string;
  noun: string;
  models: [string, string, string, string];
  sizes: [string, string, string];
  basePrice: number;
  tags: string[];
  attributes: (tier: number, size: number) => Record<string, string | number>;
  describe: (tier: number, size: number) => string;
  accessories: [name: string, price: number, tags: string[]][];
  /** The category bought alongside (not a catalogue relation). */
  companion: string;
  popularity: number;
}

const yes = (b: boolean) => (b ? 'yes' : 'no');
const QUALITY = ['Dependable', 'Lighter and tougher', 'Expedition-grade', 'Our best'];

const LINES: Line[] = [
  {
    category: 'Tents',
    slug: 'tent',
    noun: 'tent',
    models: ['Trail', 'Ridge', 'Summit', 'Alpine'],
    sizes: ['1-person', '2-person', '3-person'],
    basePrice: 119,
    tags: ['camping', 'shelter'],
    companion: 'Sleeping mats',
    popularity: 1.2,
    attributes: (t, s) => ({
      capacity: s + 1,
      'weight kg': Number((1.2 + s * 0.6 - t * 0.15).toFixed(2)),
      seasons: t >= 2 ? 4 : 3,
      waterproof: 'yes',
      'hydrostatic head mm': 2000 + t * 1000,
    }),
    describe: (t, s) => `${QUALITY[t]} waterproof ${s + 1}-person tent with a quick pitch frame${t >= 2 ? ', strong in wind and snow' : ''}.`,
    accessories: [
      ['Tent footprint', 29, ['groundsheet']],
      ['Aluminium tent pegs (12)', 15, ['pegs']],
      ['Seam sealer', 9, ['waterproofing']],
    ],
  },
  {
    category: 'Sleeping bags',
    slug: 'bag',
    noun: 'sleeping bag',
    models: ['Ember', 'Glow', 'Nova', 'Polar'],
    sizes: ['regular', 'long', 'wide'],
    basePrice: 89,
    tags: ['camping', 'sleep', 'warm'],
    companion: 'Sleeping mats',
    popularity: 1,
    attributes: (t, s) => ({
      'comfort °C': 8 - t * 5,
      fill: t >= 2 ? 'down' : 'synthetic',
      'length cm': s === 1 ? 215 : 195,
      'weight kg': Number((1.4 - t * 0.2 + s * 0.1).toFixed(2)),
    }),
    describe: (t, s) =>
      `${QUALITY[t]} ${t >= 2 ? 'down' : 'synthetic'} sleeping bag, ${s === 2 ? 'wide cut' : s === 1 ? 'long' : 'regular'}, warm down to ${8 - t * 5} °C.`,
    accessories: [
      ['Silk sleeping bag liner', 35, ['liner']],
      ['Compression sack', 19, ['packing']],
    ],
  },
  {
    category: 'Sleeping mats',
    slug: 'mat',
    noun: 'sleeping mat',
    models: ['Drift', 'Cloud', 'Loft', 'Aero'],
    sizes: ['regular', 'long', 'wide'],
    basePrice: 49,
    tags: ['camping', 'sleep', 'insulated'],
    companion: 'Sleeping bags',
    popularity: 0.9,
    attributes: (t, s) => ({ 'R-value': 2 + t, 'thickness cm': 5 + t * 2, 'length cm': s === 1 ? 196 : 183, inflatable: 'yes' }),
    describe: (t) => `${QUALITY[t]} self-inflating sleeping mat, R-value ${2 + t}, comfortable on cold ground.`,
    accessories: [
      ['Pump sack', 25, ['inflation']],
      ['Inflatable pillow', 22, ['pillow', 'comfort']],
    ],
  },
  {
    category: 'Backpacks',
    slug: 'pack',
    noun: 'backpack',
    models: ['Ramble', 'Trek', 'Venture', 'Apex'],
    sizes: ['28 L', '40 L', '55 L'],
    basePrice: 69,
    tags: ['hiking', 'trekking', 'pack'],
    companion: 'Hiking boots',
    popularity: 1.1,
    attributes: (t, s) => ({
      'volume L': [28, 40, 55][s]!,
      'weight kg': Number((0.9 + s * 0.4 - t * 0.1).toFixed(2)),
      'hip belt': yes(s > 0 || t > 1),
      'rain cover included': yes(t === 3),
    }),
    describe: (t, s) => `${QUALITY[t]} ${[28, 40, 55][s]} litre hiking backpack with a ventilated back panel.`,
    accessories: [
      ['Backpack rain cover', 19, ['rain', 'waterproof']],
      ['Hydration bladder 2 L', 29, ['water', 'hydration']],
    ],
  },
  {
    category: 'Hiking boots',
    slug: 'boot',
    noun: 'hiking boots',
    models: ['Pathfinder', 'Trailhead', 'Ridgeline', 'Summit Pro'],
    sizes: ['low', 'mid', 'high'],
    basePrice: 99,
    tags: ['hiking', 'footwear', 'boots'],
    companion: 'Backpacks',
    popularity: 1.3,
    attributes: (t, s) => ({
      cut: ['low', 'mid', 'high'][s]!,
      waterproof: yes(t >= 1),
      sole: t >= 2 ? 'Vibram' : 'rubber',
      'weight g': 1100 + s * 150 - t * 60,
    }),
    describe: (t, s) =>
      `${QUALITY[t]} ${['low', 'mid', 'high'][s]}-cut hiking boots${t >= 1 ? ', waterproof with a breathable membrane' : ''}, grippy on wet rock.`,
    accessories: [
      ['Merino hiking socks', 18, ['socks', 'merino']],
      ['Boot waterproofing wax', 11, ['waterproofing', 'care']],
      ['Trail gaiters', 39, ['gaiters', 'mud']],
    ],
  },
  {
    category: 'Jackets',
    slug: 'jacket',
    noun: 'jacket',
    models: ['Breeze', 'Storm', 'Tempest', 'Gale'],
    sizes: ['softshell', 'rain', 'insulated'],
    basePrice: 79,
    tags: ['clothing', 'outerwear'],
    companion: 'Backpacks',
    popularity: 1,
    attributes: (t, s) => ({
      type: ['softshell', 'rain', 'insulated'][s]!,
      waterproof: yes(s !== 0 || t >= 2),
      hood: 'yes',
      'weight g': 380 + s * 120 - t * 30,
    }),
    describe: (t, s) => `${QUALITY[t]} ${['softshell', 'waterproof rain', 'insulated winter'][s]} jacket with a helmet-compatible hood.`,
    accessories: [
      ['Tech wash for jackets', 12, ['care', 'waterproofing']],
      ['Merino base layer', 55, ['merino', 'layer']],
    ],
  },
  {
    category: 'Lighting',
    slug: 'light',
    noun: 'light',
    models: ['Spark', 'Beam', 'Flare', 'Lumen'],
    sizes: ['headlamp', 'lantern', 'torch'],
    basePrice: 25,
    tags: ['lighting', 'night'],
    companion: 'Tents',
    popularity: 0.8,
    attributes: (t, s) => ({ lumens: 200 + t * 200, type: ['headlamp', 'lantern', 'torch'][s]!, rechargeable: yes(t >= 1), waterproof: yes(t >= 2) }),
    describe: (t, s) => `${QUALITY[t]} ${['headlamp', 'camping lantern', 'torch'][s]}, ${200 + t * 200} lumens${t >= 1 ? ', USB rechargeable' : ''}.`,
    accessories: [
      ['Rechargeable AAA batteries (4)', 19, ['batteries']],
      ['USB power bank 10,000 mAh', 35, ['power', 'charging']],
    ],
  },
  {
    category: 'Cooking',
    slug: 'stove',
    noun: 'stove',
    models: ['Blaze', 'Flint', 'Forge', 'Inferno'],
    sizes: ['stove', 'stove set', 'cook system'],
    basePrice: 39,
    tags: ['cooking', 'camping', 'kitchen'],
    companion: 'Lighting',
    popularity: 0.8,
    attributes: (t, s) => ({ 'boil time min': 4 - t * 0.5, 'weight g': 90 + s * 200 - t * 10, piezo: yes(t >= 1), pot: yes(s > 0) }),
    describe: (t, s) =>
      `${QUALITY[t]} gas ${['camping stove', 'stove with a pot', 'cook system with pot and windscreen'][s]}, boils a litre in ${4 - t * 0.5} minutes.`,
    accessories: [
      ['Gas canister 230 g', 7, ['gas', 'fuel']],
      ['Titanium spork', 9, ['cutlery']],
      ['Nesting pot set', 39, ['pots', 'cookware']],
    ],
  },
];

const TIER_STEP = 1.3;
const SIZE_STEP = 1.2;
const TIER_WEIGHTS = [0.3, 0.36, 0.22, 0.12];
const SIZE_WEIGHTS = [0.28, 0.5, 0.22];
export const DEMO_SHOP_HOST = 'https://shop.acme-outdoor.example';

export interface DemoOrder {
  orderId: string;
  customerId: string;
  at: number;
  items: { productId: string; quantity: number; priceMinor: number }[];
  valueMinor: number;
}

export interface DemoShop {
  products: CatalogueProduct[];
  relations: CatalogueRelation[];
  orders: DemoOrder[];
  /** Products with their image address (on the demo shop's host: `imageUrl`). */
  imageUrl: (productId: string) => string;
}

export interface DemoShopOptions {
  seed?: number;
  customers?: number;
  /** When the year of orders ends (ms); default 2026-12-01. */
  endAt?: number;
}

interface Main {
  id: string;
  line: Line;
  tier: number;
  size: number;
  popularity: number;
}

const DAY = 86_400_000;

export function demoShop(options: DemoShopOptions = {}): DemoShop {
  const random = seededRandom(options.seed ?? 15);
  const endAt = options.endAt ?? Date.UTC(2026, 11, 1);
  const startAt = endAt - 365 * DAY;
  const products: CatalogueProduct[] = [];
  const relations: CatalogueRelation[] = [];
  const mains: Main[] = [];
  const accessoriesOf = new Map<string, string[]>();
  const add = (p: Omit<CatalogueProduct, 'currency' | 'stock' | 'pageUrl'>) => {
    const r = random();
    products.push({
      ...p,
      currency: 'EUR',
      stock: r < 0.07 ? 'out_of_stock' : r < 0.11 ? 'preorder' : 'in_stock',
      pageUrl: `${DEMO_SHOP_HOST}/products/${p.id}`,
    });
  };
  for (const line of LINES) {
    const accessoryIds = line.accessories.map(([name, price, tags]) => {
      const id = `acc-${slugify(name)}`;
      add({
        id,
        name,
        description: `${name}: fits every ${line.noun} of ours.`,
        category: 'Accessories',
        priceMinor: price * 100,
        tags: [...tags, line.slug],
        attributes: {},
      });
      return id;
    });
    const modelPopularity = line.models.map(() => 0.6 + random() * 0.8);
    line.models.forEach((model, tier) => {
      line.sizes.forEach((size, s) => {
        const id = `${line.slug}-${slugify(model)}-${slugify(size)}`;
        const price = Math.round(line.basePrice * TIER_STEP ** tier * SIZE_STEP ** s) - 0.01;
        const name = `${model} ${size} ${line.noun}`.replace(/ +/g, ' ');
        add({
          id,
          name,
          description: line.describe(tier, s),
          category: line.category,
          priceMinor: Math.round(price * 100),
          tags: line.tags,
          attributes: line.attributes(tier, s),
        });
        mains.push({ id, line, tier, size: s, popularity: line.popularity * TIER_WEIGHTS[tier]! * SIZE_WEIGHTS[s]! * modelPopularity[tier]! });
        accessoriesOf.set(id, accessoryIds);
        for (const a of accessoryIds) relations.push({ productId: id, relatedId: a, kind: 'accessory' });
        if (tier < 3) relations.push({ productId: id, relatedId: `${line.slug}-${slugify(line.models[tier + 1]!)}-${slugify(size)}`, kind: 'alternative' });
      });
    });
  }
  const byId = new Map(products.map((p) => [p.id, p]));
  const mainById = new Map(mains.map((m) => [m.id, m]));
  const categories = LINES.map((l) => l.category);
  const categoryWeights = LINES.map((l) => l.popularity);
  const mainsIn = (category: string) => mains.filter((m) => m.line.category === category);
  const popularMain = (category: string, tier?: number) => {
    const list = mainsIn(category).filter((m) => tier === undefined || Math.abs(m.tier - tier) <= 1);
    return list[
      pickWeighted(
        random,
        list.map((m) => m.popularity),
      )
    ]!;
  };
  const accessoryPopularity = [...new Set([...accessoriesOf.values()].flat())];
  const orders: DemoOrder[] = [];
  const customers = options.customers ?? 900;
  for (let c = 1; c <= customers; c++) {
    const customerId = `customer-${String(c).padStart(4, '0')}`;
    const primary = categories[pickWeighted(random, categoryWeights)]!;
    const secondary = pick(
      random,
      categories.filter((x) => x !== primary),
    );
    let count = 1;
    while (count < 6 && random() < 0.55) count++;
    let at = startAt + random() * 300 * DAY;
    const owned: Main[] = [];
    const bought = new Set<string>();
    for (let n = 0; n < count && at < endAt; n++) {
      const basket = new Set<string>();
      const addMain = (m: Main, withAccessories: number) => {
        basket.add(m.id);
        owned.push(m);
        (accessoriesOf.get(m.id) ?? []).forEach((a, i) => {
          if (random() < withAccessories * (i === 0 ? 1.4 : 1)) basket.add(a);
        });
      };
      const r = random();
      if (n === 0) {
        const m = popularMain(primary);
        addMain(m, 0.35);
        if (random() < 0.25) addMain(popularMain(m.line.companion, m.tier), 0.15);
      } else if (r < 0.35) {
        const m = pick(random, owned);
        const missing = (accessoriesOf.get(m.id) ?? []).filter((a) => !bought.has(a));
        if (missing.length) for (const a of missing.slice(0, 1 + Math.floor(random() * 2))) basket.add(a);
        else addMain(popularMain(m.line.companion, m.tier), 0.3);
      } else if (r < 0.5) {
        const m = pick(random, owned);
        const up = mainById.get(`${m.line.slug}-${slugify(m.line.models[Math.min(3, m.tier + 1)]!)}-${slugify(m.line.sizes[m.size]!)}`)!;
        if (up.id !== m.id && !bought.has(up.id)) addMain(up, 0.15);
        else addMain(popularMain(m.line.companion, m.tier), 0.3);
      } else if (r < 0.75) {
        const m = pick(random, owned);
        addMain(popularMain(m.line.companion, m.tier), 0.3);
      } else {
        addMain(popularMain(random() < 0.6 ? primary : secondary), 0.35);
      }
      if (random() < 0.1) basket.add(pick(random, accessoryPopularity));
      const items = [...basket].map((productId) => {
        const p = byId.get(productId)!;
        const quantity = p.category === 'Accessories' && random() < 0.2 ? 2 : 1;
        return { productId, quantity, priceMinor: p.priceMinor };
      });
      for (const i of items) bought.add(i.productId);
      orders.push({
        orderId: `A-${String(orders.length + 10001)}`,
        customerId,
        at: Math.round(at),
        items,
        valueMinor: items.reduce((s, i) => s + i.priceMinor * i.quantity, 0),
      });
      at += (3 + -Math.log(1 - random()) * 35) * DAY;
    }
  }
  orders.sort((a, b) => a.at - b.at || (a.orderId < b.orderId ? -1 : 1));
  return { products, relations, orders, imageUrl: (id) => `${DEMO_SHOP_HOST}/images/${id}.jpg` };
}

function slugify(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

export type { Random };
