/**
 * An incremental BM25 field index: postings are updated per document, and statistics
 * (document frequency, average length) are read at query time, so an edit is visible at once.
 */
export class Bm25Field {
  private readonly postings = new Map<string, Map<number, number>>();
  private readonly lengths = new Map<number, number>();
  private totalLength = 0;

  constructor(
    private readonly k1 = 1.2,
    private readonly b = 0.75,
  ) {}

  get documentCount(): number {
    return this.lengths.size;
  }

  add(doc: number, terms: readonly string[]): void {
    this.remove(doc);
    const counts = new Map<string, number>();
    for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
    for (const [term, count] of counts) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(doc, count);
    }
    this.lengths.set(doc, terms.length);
    this.totalLength += terms.length;
  }

  remove(doc: number, terms?: Iterable<string>): void {
    const length = this.lengths.get(doc);
    if (length === undefined) return;
    const keys = terms ?? this.postings.keys();
    for (const term of keys) {
      const posting = this.postings.get(term);
      if (posting?.delete(doc) && posting.size === 0) this.postings.delete(term);
    }
    this.lengths.delete(doc);
    this.totalLength -= length;
  }

  /**
   * Adds each document's BM25 score for the weighted query terms into `out`.
   * Terms found in more than `maxDfShare` of documents are skipped: they cost time and carry no signal.
   */
  score(query: ReadonlyMap<string, number>, out: Map<number, number>, maxDfShare = 1): void {
    const n = this.lengths.size;
    if (n === 0) return;
    const average = this.totalLength / n;
    const { k1, b } = this;
    for (const [term, weight] of query) {
      const posting = this.postings.get(term);
      if (!posting) continue;
      const df = posting.size;
      if (df > maxDfShare * n && n > 20) continue;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      for (const [doc, tf] of posting) {
        const norm = tf + k1 * (1 - b + (b * this.lengths.get(doc)!) / average);
        out.set(doc, (out.get(doc) ?? 0) + (weight * idf * tf * (k1 + 1)) / norm);
      }
    }
  }
}
