import { AssistError } from '../errors.js';
import { type SparseVector, concat, fromCounts, norm, scaleInPlace } from './sparse.js';
import { charTerms, wordTerms } from './terms.js';

export interface VectorizerOptions {
  /** Longest word n-gram (1 = words only). */
  wordMaxN: number;
  /** Character n-gram range inside words; null switches them off. */
  charRange: [number, number] | null;
  /** Drop terms seen in fewer documents than this. */
  minDf: number;
  /** Relative weight of the character block against the word block. */
  charWeight: number;
}

export const DEFAULT_VECTORIZER_OPTIONS: VectorizerOptions = {
  wordMaxN: 2,
  charRange: [2, 5],
  minDf: 2,
  charWeight: 1,
};

interface Block {
  terms: Map<string, number>;
  idf: Float32Array;
}

export interface VectorizerState {
  options: VectorizerOptions;
  wordTerms: string[];
  wordIdf: number[];
  charTerms: string[];
  charIdf: number[];
}

/**
 * TF-IDF over two blocks (stemmed word n-grams, character n-grams), each with sublinear
 * term frequency and its own L2 norm, then joined so neither block drowns the other.
 */
export class TextVectorizer {
  readonly options: VectorizerOptions;
  private readonly word: Block;
  private readonly char: Block;

  private constructor(options: VectorizerOptions, word: Block, char: Block) {
    this.options = options;
    this.word = word;
    this.char = char;
  }

  get dimension(): number {
    return this.word.terms.size + this.char.terms.size;
  }

  static fit(texts: readonly string[], options: VectorizerOptions = DEFAULT_VECTORIZER_OPTIONS): TextVectorizer {
    const word = fitBlock(
      texts.map((t) => wordTerms(t, options.wordMaxN)),
      options.minDf,
    );
    const char = options.charRange
      ? fitBlock(
          texts.map((t) => charTerms(t, options.charRange![0], options.charRange![1])),
          options.minDf,
        )
      : { terms: new Map<string, number>(), idf: new Float32Array(0) };
    return new TextVectorizer(options, word, char);
  }

  transform(text: string): SparseVector {
    const wordVector = weigh(this.word, wordTerms(text, this.options.wordMaxN));
    const parts = [{ vector: wordVector, offset: 0, weight: 1 }];
    if (this.options.charRange) {
      const [minN, maxN] = this.options.charRange;
      parts.push({
        vector: weigh(this.char, charTerms(text, minN, maxN)),
        offset: this.word.terms.size,
        weight: this.options.charWeight,
      });
    }
    const joined = concat(parts);
    const length = norm(joined);
    if (length > 0) scaleInPlace(joined, 1 / length);
    return joined;
  }

  toJSON(): VectorizerState {
    return {
      options: this.options,
      wordTerms: [...this.word.terms.keys()],
      wordIdf: Array.from(this.word.idf),
      charTerms: [...this.char.terms.keys()],
      charIdf: Array.from(this.char.idf),
    };
  }

  static fromJSON(state: VectorizerState): TextVectorizer {
    const block = (terms: unknown, idf: unknown, what: string): Block => {
      if (!Array.isArray(terms) || !Array.isArray(idf) || terms.length !== idf.length) {
        throw new AssistError('CORRUPT_MODEL', `saved vocabulary (${what}) is malformed`);
      }
      return { terms: new Map(terms.map((t, i) => [String(t), i])), idf: Float32Array.from(idf as number[]) };
    };
    if (!state || typeof state !== 'object' || !validOptions(state.options)) {
      throw new AssistError('CORRUPT_MODEL', 'saved vectorizer is missing or malformed');
    }
    return new TextVectorizer(state.options, block(state.wordTerms, state.wordIdf, 'words'), block(state.charTerms, state.charIdf, 'characters'));
  }
}

function validOptions(options: unknown): options is VectorizerOptions {
  if (!options || typeof options !== 'object') return false;
  const o = options as Record<string, unknown>;
  const range = o.charRange;
  const rangeOk =
    range === null || (Array.isArray(range) && range.length === 2 && range.every((n) => Number.isInteger(n) && n >= 1 && n <= 10) && range[0] <= range[1]);
  return Number.isInteger(o.wordMaxN) && (o.wordMaxN as number) >= 1 && (o.wordMaxN as number) <= 5 && rangeOk && Number.isFinite(o.charWeight);
}

function fitBlock(documents: string[][], minDf: number): Block {
  const df = new Map<string, number>();
  for (const terms of documents) {
    for (const term of new Set(terms)) df.set(term, (df.get(term) ?? 0) + 1);
  }
  const n = documents.length;
  const terms = new Map<string, number>();
  const idf: number[] = [];
  for (const [term, count] of df) {
    if (count < minDf) continue;
    terms.set(term, terms.size);
    idf.push(Math.log((1 + n) / (1 + count)) + 1);
  }
  return { terms, idf: Float32Array.from(idf) };
}

function weigh(block: Block, terms: string[]): SparseVector {
  const counts = new Map<number, number>();
  for (const term of terms) {
    const id = block.terms.get(term);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  for (const [id, count] of counts) counts.set(id, (1 + Math.log(count)) * block.idf[id]!);
  const vector = fromCounts(counts);
  const length = norm(vector);
  if (length > 0) scaleInPlace(vector, 1 / length);
  return vector;
}
