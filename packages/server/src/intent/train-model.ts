/**
 * Trains a workspace's intent model with the assist engine: a fifth of each
 * label's conversations is held out to measure the accuracy and to choose the
 * "none of these" threshold (with everyday off-topic questions as what to turn
 * down; never below the engine's default of 0.3), then the model is trained
 * again on everything with that threshold. With the sentence encoder
 * (INTENT_ENCODER), every example is embedded first, in batches, and the
 * embeddings join the features; the saved model records the encoder.
 */
import {
  DEFAULT_THRESHOLD,
  type DenseFeatures,
  EncodedTexts,
  type IntentExample,
  type IntentModel,
  sentenceFeatures,
  trainIntentModel,
  tuneThreshold,
} from '@switchboard/assist';
import { NONE_LABEL } from './intent.js';
import { OFF_TOPIC } from './off-topic.js';
import { tryLoadEncoder } from './sentence-encoder.js';
import type { TrainingData } from './training-data.js';

export interface TrainedModel {
  saved: string;
  /** Held-out accuracy (0–1) with the threshold applied. */
  accuracy: number;
  threshold: number;
  exampleCount: number;
  /** The sentence encoder the model was trained with (null: today's features only). */
  encoder: string | null;
  /** Why the asked-for encoder was left out (it could not be loaded). */
  encoderProblem?: string;
}

export type Progress = (stage: string, percent: number) => Promise<void>;

const HOLD_OUT_EVERY = 5;
const offTopic: IntentExample[] = OFF_TOPIC.map((text) => ({ text, label: NONE_LABEL }));

/** Every fifth example of each label (and of the off-topic ones) held out. */
export function split(examples: readonly IntentExample[]): { train: IntentExample[]; heldOut: IntentExample[] } {
  const seen = new Map<string, number>();
  const train: IntentExample[] = [];
  const heldOut: IntentExample[] = [];
  for (const e of examples) {
    const n = seen.get(e.label) ?? 0;
    seen.set(e.label, n + 1);
    (n % HOLD_OUT_EVERY === HOLD_OUT_EVERY - 1 ? heldOut : train).push(e);
  }
  return { train, heldOut };
}

/** Share of in-scope examples the model gives their label (below its threshold counts as wrong). */
export function heldOutAccuracy(model: IntentModel, examples: readonly IntentExample[]): number {
  const inScope = examples.filter((e) => e.label !== NONE_LABEL);
  if (inScope.length === 0) return 0;
  return inScope.filter((e) => model.predict(e.text).label === e.label).length / inScope.length;
}

const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/** The encoder's features for every example, embedded once; null without an encoder (or when it cannot be loaded). */
async function encoderFeatures(
  name: string | null,
  examples: readonly IntentExample[],
  progress: Progress,
): Promise<{ dense: DenseFeatures | null; problem: string | null }> {
  if (!name) return { dense: null, problem: null };
  const { encoder, problem } = await tryLoadEncoder(name);
  if (!encoder) return { dense: null, problem };
  await progress('Reading conversations with the sentence encoder', 10);
  const texts = new EncodedTexts(encoder);
  await texts.add(examples.map((e) => e.text));
  return { dense: sentenceFeatures(texts), problem: null };
}

export async function trainModel(data: TrainingData, progress: Progress, options: { encoder?: string | null } = {}): Promise<TrainedModel> {
  const all = [...data.examples, ...offTopic];
  const { dense, problem } = await encoderFeatures(options.encoder ?? null, all, progress);
  const { train, heldOut } = split(all);
  await progress('Measuring on held-out conversations', 15);
  await breathe();
  const trial = await trainIntentModel(train, { outOfScopeLabel: NONE_LABEL, dense });
  // A few held-out conversations may put the best threshold at 0: never below the engine's default.
  const threshold = Math.max(DEFAULT_THRESHOLD, tuneThreshold(trial, heldOut));
  const accuracy = heldOutAccuracy(trial.withThreshold(threshold), heldOut);
  await progress('Training on every labelled conversation', 55);
  await breathe();
  const model = await trainIntentModel(all, { outOfScopeLabel: NONE_LABEL, threshold, dense });
  await progress('Saving', 95);
  return {
    saved: model.save(),
    accuracy,
    threshold,
    exampleCount: data.examples.length,
    encoder: dense?.name ?? null,
    ...(problem ? { encoderProblem: problem } : {}),
  };
}
