/**
 * Product suggestions for the operator (E3). From the products in context
 * (the page the visitor views and the pages before it, the products named in
 * the conversation) and the visitor's words, three signals:
 *
 * - cross-sell: the catalogue's accessories of a product in context, and the
 *   products bought with it in tracked orders (at least MIN_TOGETHER orders);
 * - up-sell: the next better product of the same category, dearer by at most
 *   UPSELL_STEP (50 %), not out of stock, a catalogue alternative first;
 * - match: what the visitor asks for, their messages against the products'
 *   names, descriptions, categories, tags and attributes with the assist
 *   engine's retrieval (ArticleIndex: BM25 over words and character grams).
 *
 * Scores: a product in context weighs 1 (the current page, a product named),
 * the trail's pages 0.6, 0.36… by age. Accessory 1.0×weight; bought together
 * (0.3 + 0.7 × the share of the anchor's orders that hold it)×weight; up-sell
 * 0.6×weight (+0.1 for a catalogue alternative, −0.1 preordered); match
 * 0.9 × coverage × recency (newest message 1, then 0.8, 0.6), less 2 % per
 * place in the retrieval's ranking. A product's
 * score is the sum of its signals; its kind and reason are those of its
 * strongest one. Never suggested: the products in context, those the visitor
 * bought, out of stock ones for cross-sell and up-sell. The weights were set
 * by reasoning, before the bench was run, and not tuned on its held-out part.
 */
import { ArticleIndex } from '../retrieval/article-index.js';
import { normalizeText, stem, words } from '../text/normalize.js';
import { STOPWORDS } from '../text/stopwords.js';
import { CoOccurrence } from './cooccurrence.js';
import { PageIndex } from './page-match.js';
import type { Basket, CatalogueProduct, CatalogueRelation, ProductSuggestion, Signals, SuggestInput, SuggestionKind, SuggestResult } from './types.js';

export const UPSELL_STEP = 0.5;
export const MIN_TOGETHER = 2;
export const MIN_MATCH_COVERAGE = 0.5;
const TRAIL_DECAY = 0.6;
const MAX_TRAIL = 5;
const MAX_TEXTS = 3;
const ALL: Signals = { relations: true, cooccurrence: true, upsell: true, text: true };

export interface RecommenderOptions {
  /** How a price difference reads in a reason (default: Intl, whole amounts without decimals). */
  formatPrice?: (minor: number, currency: string) => string;
}

interface Candidate {
  score: number;
  best: number;
  kind: SuggestionKind;
  reason: string;
  anchorId: string | null;
}

export class Recommender {
  private readonly products = new Map<string, CatalogueProduct>();
  private readonly accessories = new Map<string, string[]>();
  private readonly alternatives = new Map<string, Set<string>>();
  private readonly byCategory = new Map<string, CatalogueProduct[]>();
  private readonly pages = new PageIndex();
  private readonly together: CoOccurrence;
  private readonly names: { id: string; phrase: string }[] = [];
  private text: ArticleIndex | null = null;
  private readonly formatPrice: (minor: number, currency: string) => string;

  constructor(catalogue: readonly CatalogueProduct[], relations: readonly CatalogueRelation[], baskets: Iterable<Basket>, options: RecommenderOptions = {}) {
    this.formatPrice = options.formatPrice ?? defaultPrice;
    for (const p of catalogue) {
      this.products.set(p.id, p);
      this.pages.add(p.id, p.pageUrl);
      if (p.category) {
        const list = this.byCategory.get(p.category) ?? [];
        list.push(p);
        this.byCategory.set(p.category, list);
      }
      const phrase = words(normalizeText(p.name)).join(' ');
      if (phrase.length >= 4) this.names.push({ id: p.id, phrase: ` ${phrase} ` });
    }
    for (const list of this.byCategory.values()) list.sort((a, b) => a.priceMinor - b.priceMinor || (a.id < b.id ? -1 : 1));
    for (const r of relations) {
      if (!this.products.has(r.productId) || !this.products.has(r.relatedId) || r.productId === r.relatedId) continue;
      if (r.kind === 'accessory') {
        const list = this.accessories.get(r.productId) ?? [];
        if (!list.includes(r.relatedId)) list.push(r.relatedId);
        this.accessories.set(r.productId, list);
      } else {
        const set = this.alternatives.get(r.productId) ?? new Set();
        set.add(r.relatedId);
        this.alternatives.set(r.productId, set);
      }
    }
    this.together = new CoOccurrence([...baskets].map((b) => ({ ...b, productIds: b.productIds.filter((id) => this.products.has(id)) })));
  }

  get size(): number {
    return this.products.size;
  }

  product(id: string): CatalogueProduct | undefined {
    return this.products.get(id);
  }

  /** Product ids by tracked orders, most first (the popularity baseline). */
  mostPopular(): string[] {
    return this.together.mostPopular();
  }

  /** The product whose page this is, if any. */
  productAt(url: string): string | null {
    return this.pages.productAt(url);
  }

  /** Products whose full name the text says ("the Ridge 2 tent"), longest names first. */
  productsNamedIn(text: string): string[] {
    const said = ` ${words(normalizeText(text)).join(' ')} `;
    return this.names
      .filter((n) => said.includes(n.phrase))
      .sort((a, b) => b.phrase.length - a.phrase.length)
      .map((n) => n.id);
  }

  suggest(input: SuggestInput): SuggestResult {
    const signals = { ...ALL, ...input.signals };
    const limit = input.limit ?? 5;
    const context = this.contextOf(input);
    const excluded = new Set<string>([...context.keys(), ...(input.boughtIds ?? [])]);
    const found = new Map<string, Candidate>();
    const offer = (id: string, score: number, kind: SuggestionKind, reason: string, anchorId: string | null) => {
      if (excluded.has(id) || score <= 0) return;
      const c = found.get(id);
      if (!c) found.set(id, { score, best: score, kind, reason, anchorId });
      else {
        c.score += score;
        if (score > c.best) Object.assign(c, { best: score, kind, reason, anchorId });
      }
    };
    for (const [anchorId, weight] of context) {
      const anchor = this.products.get(anchorId)!;
      if (signals.relations) {
        for (const id of this.accessories.get(anchorId) ?? []) {
          if (!this.inStockish(id)) continue;
          const n = signals.cooccurrence ? (this.together.with(anchorId).get(id) ?? 0) : 0;
          const also = n >= MIN_TOGETHER ? `, bought with it in ${n} orders` : '';
          offer(id, weight, 'cross_sell', `Accessory of ${anchor.name}${also}`, anchorId);
        }
      }
      if (signals.cooccurrence) {
        const total = this.together.ordersOf(anchorId);
        for (const [id, n] of this.together.with(anchorId)) {
          if (n < MIN_TOGETHER || !this.inStockish(id)) continue;
          offer(id, weight * (0.3 + 0.7 * (n / total)), 'cross_sell', `Often bought with ${anchor.name} (${n} orders)`, anchorId);
        }
      }
      if (signals.upsell) {
        const better = this.betterThan(anchor, excluded);
        if (better) {
          const bonus = (this.alternatives.get(anchorId)?.has(better.id) ? 0.1 : 0) - (better.stock === 'preorder' ? 0.1 : 0);
          const more = this.formatPrice(better.priceMinor - anchor.priceMinor, anchor.currency);
          offer(better.id, weight * (0.6 + bonus), 'up_sell', `Better alternative in ${anchor.category}, +${more}`, anchorId);
        }
      }
    }
    if (signals.text) this.offerMatches(input.visitorTexts ?? [], offer);
    const suggestions: ProductSuggestion[] = [...found.entries()]
      .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : 1))
      .slice(0, limit)
      .map(([productId, c]) => ({ productId, kind: c.kind, reason: c.reason, anchorId: c.anchorId, score: round(c.score) }));
    return { suggestions, contextIds: [...context.keys()] };
  }

  /** Products in context with their weight: given ones, the current page, products named, then the trail. */
  private contextOf(input: SuggestInput): Map<string, number> {
    const out = new Map<string, number>();
    const put = (id: string | null, w: number) => {
      if (id && this.products.has(id) && !out.has(id)) out.set(id, w);
    };
    for (const [i, id] of (input.contextIds ?? []).entries()) put(id, TRAIL_DECAY ** i);
    const pages = (input.pageUrls ?? []).slice(0, MAX_TRAIL + 1);
    if (pages[0]) put(this.productAt(pages[0]), 1);
    for (const text of (input.visitorTexts ?? []).slice(-MAX_TEXTS)) for (const id of this.productsNamedIn(text)) put(id, 1);
    for (const [i, url] of pages.slice(1).entries()) put(this.productAt(url), TRAIL_DECAY ** (i + 1));
    return out;
  }

  /** The cheapest product of the anchor's category dearer than it by at most UPSELL_STEP, not out of stock; a catalogue alternative first. */
  private betterThan(anchor: CatalogueProduct, excluded: Set<string>): CatalogueProduct | null {
    if (!anchor.category) return null;
    const ceiling = anchor.priceMinor * (1 + UPSELL_STEP);
    const fits = (this.byCategory.get(anchor.category) ?? []).filter(
      (p) => p.currency === anchor.currency && p.priceMinor > anchor.priceMinor && p.priceMinor <= ceiling && p.stock !== 'out_of_stock' && !excluded.has(p.id),
    );
    const alternatives = this.alternatives.get(anchor.id);
    return fits.find((p) => alternatives?.has(p.id)) ?? fits.find((p) => p.stock === 'in_stock') ?? fits[0] ?? null;
  }

  private inStockish(id: string): boolean {
    return this.products.get(id)?.stock !== 'out_of_stock';
  }

  private offerMatches(
    texts: readonly string[],
    offer: (id: string, score: number, kind: SuggestionKind, reason: string, anchorId: string | null) => void,
  ): void {
    const recent = texts
      .filter((t) => t.trim() !== '')
      .slice(-MAX_TEXTS)
      .reverse();
    if (recent.length === 0 || this.products.size === 0) return;
    const index = this.textIndex();
    recent.forEach((text, i) => {
      const query = text.slice(0, 2000);
      for (const [rank, m] of index.search(query, { limit: 5 }).entries()) {
        if (m.coverage < MIN_MATCH_COVERAGE) continue;
        const said = matchedWords(query, this.products.get(m.id)!);
        if (!said) continue;
        offer(m.id, 0.9 * m.coverage * (1 - 0.2 * i) * (1 - 0.02 * rank), 'match', `Matches “${said}”`, null);
      }
    });
  }

  private textIndex(): ArticleIndex {
    if (this.text) return this.text;
    const index = new ArticleIndex(null);
    for (const p of this.products.values()) index.upsert({ id: p.id, title: p.name, body: productText(p) });
    this.text = index;
    return index;
  }
}

/** What is searched besides the name: description, category, tags, attributes. */
export function productText(p: CatalogueProduct): string {
  const attributes = Object.entries(p.attributes).map(([k, v]) => (typeof v === 'number' ? `${k} ${v}` : v === 'yes' ? k : `${k} ${v}`));
  return [p.description, p.category ?? '', p.tags.join(' '), attributes.join('. ')].filter(Boolean).join('\n');
}

/** The visitor's own words the product holds, in their order ("waterproof hiking boots"), at most eight. */
export function matchedWords(text: string, p: CatalogueProduct): string {
  const held = new Set(words(normalizeText(`${p.name}\n${productText(p)}`)).map(stem));
  const out: string[] = [];
  for (const w of words(normalizeText(text))) {
    if (STOPWORDS.has(w) || !held.has(stem(w)) || out.includes(w)) continue;
    out.push(w);
    if (out.length === 8) break;
  }
  return out.join(' ');
}

function defaultPrice(minor: number, currency: string): string {
  try {
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
    const amount = minor / 10 ** digits;
    const fraction = Number.isInteger(amount) ? 0 : digits;
    return new Intl.NumberFormat('en', { style: 'currency', currency, minimumFractionDigits: fraction, maximumFractionDigits: digits }).format(amount);
  } catch {
    return `${minor / 100} ${currency}`;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
