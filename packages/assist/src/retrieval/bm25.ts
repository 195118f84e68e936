import type { ScoreBuffer } from './score-buffer.js';

/**
 * An incremental BM25 field index: postings are updated per document, and statistics
 * (document frequency, average length) are read at query time, so an edit is visible at once.
 */
export class Bm25Field {
  private readonly postings = new Map<string, Map<number, number>>();
  private lengths = new Float64Array(64);
  private count = 0;
  private totalLength = 0;

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  get documentCount(): number {
    return this.count;
  }

  /** How many documents hold the term. */
  df(term: string): number {
    return this.postings.get(term)?.size ?? 0;
  }

  /** Inverse document frequency of a term (0 when unseen). */
  idf(term: string): number {
    const df = this.postings.get(term)?.size ?? 0;
    return df === 0 ? 0 : Math.log(1 + (this.count - df + 0.5) / (df + 0.5));
  }

  /** Indexes a document under a slot that holds no document. */
  add(slot: number, terms: readonly string[]): void {
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) {
      let posting = this.postings.get(term);
      if (!posting) {
        posting = new Map();
        this.postings.set(term, posting);
      }
      posting.set(slot, count);
    }
    if (slot >= this.lengths.length) {
      const grown = new Float64Array(Math.max(slot + 1, this.lengths.length * 2));
      grown.set(this.lengths);
      this.lengths = grown;
    }
    // Length 0 marks an empty slot, so store at least 1.
    this.lengths[slot] = Math.max(terms.length, 1);
    this.count++;
    this.totalLength += Math.max(terms.length, 1);
  }

  /** Removes a document, given the terms it was indexed with. */
  remove(slot: number, terms: Iterable<string>): void {
    const length = this.lengths[slot] ?? 0;
    if (length === 0) return;
    for (const term of terms) {
      const posting = this.postings.get(term);
      if (posting?.delete(slot) && posting.size === 0) this.postings.delete(term);
    }
    this.lengths[slot] = 0;
    this.count--;
    this.totalLength -= length;
  }

  /**
   * Adds each document's BM25 score for the weighted query terms into `out`.
   * Terms found in more than `maxDfShare` of documents are skipped: they cost time and carry little signal.
   */
  score(query: ReadonlyMap<string, number>, out: ScoreBuffer, maxDfShare = 1): void {
    const n = this.count;
    if (n === 0) return;
    const average = this.totalLength / n;
    const { k1, b, lengths } = this;
    const lengthScale = (k1 * b) / average;
    const lengthBase = k1 * (1 - b);
    for (const [term, weight] of query) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const df = posting.size;
      if (df > maxDfShare * n && n > 20) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5)) * weight * (k1 + 1);
      for (const [slot, tf] of posting) {
        out.add(slot, (idf * tf) / (tf + lengthBase + lengthScale * lengths[slot]!));
      }
    }
  }
}
