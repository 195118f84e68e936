/**
 * An intent model with the sentence encoder beside today's features (or without it): training embeds
 * every example first (batched), loading embeds the kept examples, and each prediction embeds its text
 * asynchronously before the model reads it. A model trained without an encoder works as before.
 */
import type { SentenceEncoder } from '../text/sentence-encoder.js';
import { EncodedTexts, sentenceFeatures } from '../text/sentence-encoder.js';
import type { WordVectors } from '../text/word-vectors.js';
import { IntentModel } from './model.js';
import { readSavedEncoder } from './serialize.js';
import { type TrainIntentOptions, trainIntentModel } from './train.js';
import type { IntentExample, IntentPrediction } from './types.js';

const LOAD_BATCH = 8;

export class EncodedIntentModel {
  constructor(
    readonly model: IntentModel,
    private readonly texts: EncodedTexts | null,
  ) {}

  /** The sentence encoder's name, or null for a model without one. */
  get encoder(): string | null {
    return this.texts?.name ?? null;
  }

  get labels(): readonly string[] {
    return this.model.labels;
  }

  get threshold(): number {
    return this.model.threshold;
  }

  /** Embeds texts beforehand, so the synchronous model (`model.predict`, tuneThreshold) can read them. */
  async prepare(texts: Iterable<string>): Promise<void> {
    await this.texts?.add(texts);
  }

  /** Forgets the texts embedded beforehand (the model keeps what it needs). */
  forget(): void {
    this.texts?.clear();
  }

  async predict(text: string): Promise<IntentPrediction> {
    const texts = this.texts;
    if (!texts || texts.has(text)) return this.model.predict(text);
    const [vector] = await texts.encoder.embed([text]);
    // Put, read and drop in one synchronous step: concurrent predictions never see each other's texts.
    texts.put(text, vector!);
    try {
      return this.model.predict(text);
    } finally {
      texts.delete(text);
    }
  }

  withThreshold(threshold: number): EncodedIntentModel {
    return new EncodedIntentModel(this.model.withThreshold(threshold), this.texts);
  }

  save(): string {
    return this.model.save();
  }
}

/** Trains with the encoder's embeddings beside today's features (weight 1), or without them when `encoder` is null. */
export async function trainEncodedIntentModel(
  examples: readonly IntentExample[],
  options: Omit<TrainIntentOptions, 'dense'>,
  encoder: SentenceEncoder | null,
): Promise<EncodedIntentModel> {
  if (!encoder) return new EncodedIntentModel(await trainIntentModel(examples, options), null);
  const texts = new EncodedTexts(encoder);
  await texts.add(examples.map((e) => e.text));
  const model = await trainIntentModel(examples, { ...options, dense: sentenceFeatures(texts) });
  texts.clear();
  return new EncodedIntentModel(model, texts);
}

/** The sentence encoder a saved model needs (null when it has none). */
export function savedSentenceEncoder(saved: string): string | null {
  return readSavedEncoder(saved)?.name ?? null;
}

/**
 * Restores a saved model; one trained with a sentence encoder asks `encoder` for it by name (and fails
 * as that does: ENCODER_UNAVAILABLE), one trained without never loads it.
 */
export async function loadEncodedIntentModel(
  saved: string,
  options: { wordVectors?: WordVectors | null; encoder: (name: string) => Promise<SentenceEncoder> },
): Promise<EncodedIntentModel> {
  const needs = readSavedEncoder(saved);
  if (!needs) return new EncodedIntentModel(IntentModel.load(saved, { wordVectors: options.wordVectors ?? null }), null);
  const texts = new EncodedTexts(await options.encoder(needs.name));
  // The kept examples (up to 200 a label), a few at a time: loading runs on the thread that serves messages.
  await texts.add(needs.exemplarTexts, { batch: LOAD_BATCH });
  const model = IntentModel.load(saved, { wordVectors: options.wordVectors ?? null, denseEncoder: texts });
  texts.clear();
  return new EncodedIntentModel(model, texts);
}
