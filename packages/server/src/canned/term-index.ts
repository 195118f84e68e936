/**
 * A small full-text index for short documents (canned responses): terms
 * found exactly, by prefix (`ret` finds `returns`) and with typos (`refnud`
 * finds `refund`), scored BM25-style with a boost per field.
 *
 * MiniSearch's own search scores every document holding any query term
 * through maps, which took tens of milliseconds on 5,000 responses that
 * share common words. This keeps MiniSearch's radix tree (SearchableMap) for
 * the term dictionary, where prefix and fuzzy lookups are cheap, and adds
 * each posting list into one array of scores: a search costs a few passes
 * over arrays, well under a millisecond.
 */
import SearchableMap from 'minisearch/SearchableMap';

export interface FieldSpec<D> {
  get: (doc: D) => string;
  boost: number;
}

interface Postings {
  docs: number[];
  /** The term's weight in each document (fields boosted, length normalised). */
  weights: number[];
}

export const tokenize = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Typos forgiven by word length: none in 1-3 letters, one in 4-5, two from 6 on (a swap of two letters is two). */
export const fuzziness = (term: string) => (term.length <= 3 ? 0 : term.length <= 5 ? 1 : 2);

/** How much a term found by prefix or with typos counts, next to one found as typed. */
const PREFIX_WEIGHT = 0.6;
const FUZZY_WEIGHT = 0.35;
/** A short prefix (`r`) would expand to most of the dictionary: its expansions are capped. */
const MAX_EXPANSIONS = 64;

export class TermIndex<D> {
  /** Postings by term, for the exact lookups of building and scoring. */
  private readonly postings = new Map<string, Postings>();
  /** The same terms in a radix tree, for prefix and typo lookups (filled once per term: it is slower to write). */
  private readonly terms = new SearchableMap<Postings>();
  private readonly scores: Float64Array;
  private readonly matched: Uint32Array;

  constructor(
    readonly docs: readonly D[],
    fields: FieldSpec<D>[],
  ) {
    // Tokens once; the average length of each field normalises its term weights (BM25's b = 0.75).
    const tokens = docs.map((doc) => fields.map((f) => tokenize(f.get(doc))));
    const avg = fields.map((_, fi) => Math.max(1, tokens.reduce((n, t) => n + t[fi]!.length, 0) / Math.max(1, docs.length)));
    // One map of term counts, cleared for each field of each document (no allocation per document).
    const tf = new Map<string, number>();
    tokens.forEach((perField, d) => {
      perField.forEach((list, fi) => {
        tf.clear();
        for (const t of list) tf.set(t, (tf.get(t) ?? 0) + 1);
        const norm = 0.25 + (0.75 * list.length) / avg[fi]!;
        for (const [t, n] of tf) {
          const w = (fields[fi]!.boost * n * 2.2) / (n + 1.2 * norm);
          let p = this.postings.get(t);
          if (!p) {
            p = { docs: [], weights: [] };
            this.postings.set(t, p);
          }
          // A term in several fields of a document adds up in one posting.
          if (p.docs[p.docs.length - 1] === d) p.weights[p.weights.length - 1]! += w;
          else {
            p.docs.push(d);
            p.weights.push(w);
          }
        }
      });
    });
    for (const [t, p] of this.postings) this.terms.set(t, p);
    this.scores = new Float64Array(docs.length);
    this.matched = new Uint32Array(docs.length);
  }

  /** The terms a query word stands for, each with how much it counts. */
  private expand(word: string): Map<string, number> {
    const out = new Map<string, number>();
    const exact = this.postings.has(word);
    if (exact) out.set(word, 1);
    if (word.length >= 2) {
      let n = 0;
      for (const [term] of this.terms.atPrefix(word)) {
        if (term !== word) out.set(term, Math.max(out.get(term) ?? 0, PREFIX_WEIGHT * (word.length / term.length)));
        if (++n >= MAX_EXPANSIONS) break;
      }
    }
    const distance = fuzziness(word);
    if (distance > 0) {
      for (const [term, [, d]] of this.terms.fuzzyGet(word, distance)) {
        if (d > 0) out.set(term, Math.max(out.get(term) ?? 0, FUZZY_WEIGHT * (1 - d / (word.length + 1))));
      }
    }
    return out;
  }

  /**
   * Documents matching the query, best first, at most `limit` of those
   * `accept` takes. A document holding every word of the query ranks above
   * one that holds only some.
   */
  search(query: string, limit: number, accept: (doc: D) => boolean): D[] {
    const words = [...new Set(tokenize(query))].slice(0, 31);
    if (words.length === 0 || limit <= 0) return [];
    const { scores, matched } = this;
    const touched: number[] = [];
    const n = this.docs.length;
    words.forEach((word, wi) => {
      for (const [term, quality] of this.expand(word)) {
        const p = this.postings.get(term)!;
        const idf = Math.log(1 + (n - p.docs.length + 0.5) / (p.docs.length + 0.5));
        const bit = 1 << wi;
        for (let k = 0; k < p.docs.length; k++) {
          const d = p.docs[k]!;
          if (matched[d] === 0) touched.push(d);
          scores[d]! += idf * p.weights[k]! * quality;
          matched[d]! |= bit;
        }
      }
    });
    // The best `limit` by (words matched, score), kept in order: limit is small.
    const best: { d: number; words: number; score: number }[] = [];
    for (const d of touched) {
      const words = popcount(matched[d]!);
      const score = scores[d]!;
      scores[d] = 0;
      matched[d] = 0;
      const last = best[best.length - 1];
      if (best.length >= limit && last && (words < last.words || (words === last.words && score <= last.score))) continue;
      if (!accept(this.docs[d]!)) continue;
      let i = best.length;
      while (i > 0 && (best[i - 1]!.words < words || (best[i - 1]!.words === words && best[i - 1]!.score < score))) i--;
      best.splice(i, 0, { d, words, score });
      if (best.length > limit) best.pop();
    }
    return best.map((b) => this.docs[b.d]!);
  }
}

function popcount(x: number): number {
  let n = 0;
  while (x) {
    x &= x - 1;
    n++;
  }
  return n;
}
