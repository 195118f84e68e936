import { AssistError } from '../errors.js';
import { checkText } from '../text/normalize.js';
import { type WordVectors, embedText, loadPackagedWordVectors } from '../text/word-vectors.js';
import { Bm25Field } from './bm25.js';
import { charTermsForSearch, contentText, weighted, wordTermsForSearch } from './fields.js';
import { type Component, fuse } from './fusion.js';
import type { Article, ArticleMatch, SearchOptions } from './types.js';

interface Entry {
  article: Article;
  terms: Record<FieldName, string[]>;
  titleVector: Float32Array | null;
  contentVector: Float32Array | null;
}

type FieldName = 'titleWords' | 'contentWords' | 'allWords' | 'titleChars' | 'allChars';
const FIELDS: FieldName[] = ['titleWords', 'contentWords', 'allWords', 'titleChars', 'allChars'];

/** Character grams seen in more than this share of articles are skipped at query time. */
const MAX_CHAR_DF_SHARE = 0.25;
const EMPTY_IDF = new Map<string, number>();

export interface ArticleIndexOptions {
  /** Word vectors for the semantic score: 'packaged' (default) uses GloVe when installed; null disables. */
  wordVectors?: WordVectors | null | 'packaged';
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
  private nextSlot = 0;

  constructor(private readonly vectors: WordVectors | null = null) {}

  static async create(options: ArticleIndexOptions = {}): Promise<ArticleIndex> {
    const vectors = options.wordVectors === undefined || options.wordVectors === 'packaged'
      ? await loadPackagedWordVectors()
      : options.wordVectors;
    return new ArticleIndex(vectors);
  }

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.slots.has(id);
  }

  upsert(article: Article): void {
    validate(article);
    const slot = this.slots.get(article.id) ?? this.nextSlot++;
    this.removeSlot(slot);
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
    this.entries.set(slot, {
      article: { ...article, answers: article.answers ? [...article.answers] : undefined },
      terms,
      titleVector: vectors ? embedText(vectors, article.title, EMPTY_IDF, 1) : null,
      contentVector: vectors && content.trim() ? embedText(vectors, content, EMPTY_IDF, 1) : null,
    });
    this.slots.set(article.id, slot);
  }

  remove(id: string): boolean {
    const slot = this.slots.get(id);
    if (slot === undefined) return false;
    this.removeSlot(slot);
    this.slots.delete(id);
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
    const lexical = (field: FieldName, terms: Map<string, number>, maxDf = 1): void => {
      const scores = new Map<number, number>();
      this.fields[field].score(terms, scores, maxDf);
      components.push({ scores, weight: 1 });
    };
    lexical('titleWords', words);
    lexical('contentWords', words);
    lexical('allWords', words);
    lexical('titleChars', chars, MAX_CHAR_DF_SHARE);
    lexical('allChars', chars, MAX_CHAR_DF_SHARE);
    if (this.vectors) {
      const q = embedText(this.vectors, query, EMPTY_IDF, 1);
      const title = new Map<number, number>();
      const content = new Map<number, number>();
      for (const [slot, entry] of this.entries) {
        if (entry.titleVector) title.set(slot, dot(q, entry.titleVector));
        if (entry.contentVector) content.set(slot, dot(q, entry.contentVector));
      }
      components.push({ scores: title, weight: 1 }, { scores: content, weight: 1 });
    }
    return fuse(components, this.entries.size, limit).map(({ slot, score }) => {
      const { article } = this.entries.get(slot)!;
      return { id: article.id, title: article.title, score };
    });
  }

  private removeSlot(slot: number): void {
    const entry = this.entries.get(slot);
    if (!entry) return;
    for (const field of FIELDS) this.fields[field].remove(slot, new Set(entry.terms[field]));
    this.entries.delete(slot);
  }
}

function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i]! * b[i]!;
  return sum;
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
