import { AssistError } from '../errors.js';
import { checkText } from '../text/normalize.js';
import { type WordVectors, embedText, loadPackagedWordVectors } from '../text/word-vectors.js';
import { Bm25Field } from './bm25.js';
import { charTermsForSearch, contentText, weighted, wordTermsForSearch } from './fields.js';
import { type Passage, bestPassage, passagesOf } from './passages.js';
import { type Component, fuse } from './fusion.js';
import { ScoreBuffer } from './score-buffer.js';
import { VectorTable } from './vector-table.js';
import type { Article, ArticleMatch, SearchOptions } from './types.js';

interface Entry {
  article: Article;
  terms: Record<FieldName, string[]>;
  passages: Passage[];
  /** The distinct stemmed words of title and content (for coverage). */
  words: Set<string>;
}

type FieldName = 'titleWords' | 'contentWords' | 'allWords' | 'titleChars' | 'allChars';
const FIELDS: FieldName[] = ['titleWords', 'contentWords', 'allWords', 'titleChars', 'allChars'];

/** Character grams seen in more than this share of articles are skipped at query time. */
const MAX_CHAR_DF_SHARE = 0.25;
const DEFAULT_WEIGHTS: Record<SignalName, number> = {
  titleWords: 1,
  contentWords: 1,
  allWords: 1,
  titleChars: 1,
  allChars: 1,
  titleMeaning: 1,
  contentMeaning: 1,
};

/** The scores fused for each article; weights say how much each counts (default 1). */
export type SignalName = FieldName | 'titleMeaning' | 'contentMeaning';
export type SignalWeights = Partial<Record<SignalName, number>>;

export interface ArticleIndexOptions {
  /** Word vectors for the semantic score: 'packaged' (default) uses GloVe when installed; null disables. */
  wordVectors?: WordVectors | null | 'packaged';
  weights?: SignalWeights;
}

/**
 * Finds the articles that answer a customer question. Several views of each article are scored
 * (BM25 over stemmed words of the title, the content and both; BM25 over character n-grams for typos;
 * word-embedding similarity for paraphrases) and fused after standardising each score per query.
 * Updates are incremental: upsert and remove touch only that article's postings.
 */
export class ArticleIndex {
  private readonly fields = Object.fromEntries(FIELDS.map((f) => [f, new Bm25Field()])) as Record<FieldName, Bm25Field>;
  private readonly entries = new Map<number, Entry>();
  private readonly slots = new Map<string, number>();
  private readonly freeSlots: number[] = [];
  private nextSlot = 0;
  private live = new Uint8Array(64);
  private readonly titleVectors: VectorTable | null;
  private readonly contentVectors: VectorTable | null;
  private readonly buffers = FIELDS.map(() => new ScoreBuffer(64));

  private readonly weights: Record<SignalName, number>;

  constructor(
    private readonly vectors: WordVectors | null = null,
    weights: SignalWeights = {},
  ) {
    this.weights = { ...DEFAULT_WEIGHTS, ...weights };
    for (const [name, weight] of Object.entries(this.weights)) {
      if (!(weight >= 0)) throw new AssistError('INVALID_OPTION', `weight of ${name} must be zero or more`);
    }
    this.titleVectors = vectors ? new VectorTable(vectors.dimension) : null;
    this.contentVectors = vectors ? new VectorTable(vectors.dimension) : null;
  }

  static async create(options: ArticleIndexOptions = {}): Promise<ArticleIndex> {
    const vectors = options.wordVectors === undefined || options.wordVectors === 'packaged' ? await loadPackagedWordVectors() : options.wordVectors;
    return new ArticleIndex(vectors, options.weights);
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  upsert(article: Article): void {
    validate(article);
    const existing = this.slots.get(article.id);
    if (existing !== undefined) this.removeSlot(existing);
    const slot = existing ?? this.freeSlots.pop() ?? this.nextSlot++;
    const content = contentText(article);
    const all = `${article.title}\n${content}`;
    const terms: Record<FieldName, string[]> = {
      titleWords: wordTermsForSearch(article.title),
      contentWords: wordTermsForSearch(content),
      allWords: wordTermsForSearch(all),
      titleChars: charTermsForSearch(article.title),
      allChars: charTermsForSearch(all),
    };
    for (const field of FIELDS) this.fields[field].add(slot, terms[field]);
    const vectors = this.vectors;
    if (vectors) {
      this.titleVectors!.set(slot, embedText(vectors, article.title));
      this.contentVectors!.set(slot, embedText(vectors, content));
    }
    if (slot >= this.live.length) {
      const grown = new Uint8Array(Math.max(slot + 1, this.live.length * 2));
      grown.set(this.live);
      this.live = grown;
    }
    this.live[slot] = 1;
    this.entries.set(slot, {
      article: { ...article, answers: article.answers ? [...article.answers] : undefined },
      terms,
      passages: passagesOf(article),
      words: new Set(terms.allWords),
    });
    this.slots.set(article.id, slot);
  }

  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    this.removeSlot(slot);
    this.slots.delete(id);
    this.freeSlots.push(slot);
    return true;
  }

  search(query: string, options: SearchOptions = {}): ArticleMatch[] {
    checkText(query, 'query');
    const limit = options.limit ?? 5;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new AssistError('INVALID_OPTION', `limit must be an integer from 1 to 100, got ${limit}`);
    }
    if (this.entries.size === 0) return [];
    const words = weighted(wordTermsForSearch(query));
    const chars = weighted(charTermsForSearch(query));
    const components: Component[] = [];
    FIELDS.forEach((field, i) => {
      const buffer = this.buffers[i]!;
      buffer.reset();
      const isChars = field === 'titleChars' || field === 'allChars';
      this.fields[field].score(isChars ? chars : words, buffer, isChars ? MAX_CHAR_DF_SHARE : 1);
      components.push({ scores: buffer.scores, touched: buffer.touched, weight: this.weights[field] });
    });
    if (this.vectors) {
      const q = embedText(this.vectors, query);
      components.push(
        { scores: this.titleVectors!.dotAll(q, this.nextSlot), touched: null, weight: this.weights.titleMeaning },
        { scores: this.contentVectors!.dotAll(q, this.nextSlot), touched: null, weight: this.weights.contentMeaning },
      );
    }
    const live = this.live.subarray(0, this.nextSlot);
    const idf = (term: string) => this.fields.allWords.idf(term);
    return fuse(components, live, this.entries.size, limit).map(({ slot, score }) => {
      const { article, passages, words: articleWords } = this.entries.get(slot)!;
      const excerpt = bestPassage(passages, words, idf);
      const coverage = this.coverage(words, articleWords);
      const match: ArticleMatch = { id: article.id, title: article.title, score, coverage };
      if (excerpt !== undefined) match.excerpt = excerpt;
      return match;
    });
  }

  /** The rarity-weighted share of the query's words the article holds. */
  private coverage(query: Map<string, number>, articleWords: Set<string>): number {
    const field = this.fields.allWords;
    const n = field.documentCount;
    let total = 0;
    let held = 0;
    for (const term of query.keys()) {
      // A word no article holds weighs as one only one article holds: rare, but not the whole question.
      const df = Math.max(1, field.df(term));
      const weight = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      total += weight;
      if (articleWords.has(term)) held += weight;
    }
    return total > 0 ? held / total : 0;
  }

  private removeSlot(slot: number): void {
    const entry = this.entries.get(slot);
    if (!entry) return;
    for (const field of FIELDS) this.fields[field].remove(slot, new Set(entry.terms[field]));
    this.titleVectors?.clear(slot);
    this.contentVectors?.clear(slot);
    this.live[slot] = 0;
    this.entries.delete(slot);
  }
}

function validate(article: Article): void {
  if (!article || typeof article.id !== 'string' || article.id.trim() === '') {
    throw new AssistError('INVALID_ARTICLE', 'an article needs a non-empty string id');
  }
  if (typeof article.title !== 'string' || article.title.trim() === '') {
    throw new AssistError('INVALID_ARTICLE', `article ${article.id} needs a title or question`);
  }
  checkText(article.title, `article ${article.id} title`);
  if (article.body !== undefined && typeof article.body !== 'string') {
    throw new AssistError('INVALID_ARTICLE', `article ${article.id} body must be a string`);
  }
  if (article.answers !== undefined && (!Array.isArray(article.answers) || article.answers.some((a) => typeof a !== 'string'))) {
    throw new AssistError('INVALID_ARTICLE', `article ${article.id} answers must be a list of strings`);
  }
}
