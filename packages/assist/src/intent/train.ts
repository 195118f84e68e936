import { AssistError } from '../errors.js';
import { DEFAULT_SCALE } from '../linear/calibration.js';
import { roundToQuantized } from '../linear/quantize.js';
import { DEFAULT_SVM_OPTIONS, trainOneVsRest } from '../linear/svm.js';
import { checkText } from '../text/normalize.js';
import type { SparseVector } from '../text/sparse.js';
import { type WordVectors, loadPackagedWordVectors } from '../text/word-vectors.js';
import { type FeatureExtras, IntentFeaturizer } from './featurizer.js';
import { type DenseFeatures, checkDenseFeatures } from './dense.js';
import { ExemplarSet, pickExemplars } from './exemplars.js';
import { IntentModel } from './model.js';
import { calibrateOnHeldOut } from './calibrate.js';
import { DEFAULT_PLATT } from './scope.js';
import type { IntentExample, TrainingProgress } from './types.js';

export interface TrainIntentOptions {
  /** Label that marks out-of-scope examples ("none of these"); they teach the model what to reject. */
  outOfScopeLabel?: string | null;
  /** Fixed "none of these" threshold, or 'auto' (default) to choose it on held-out examples. */
  threshold?: number | 'auto';
  /** Word vectors for the dense block: 'packaged' (default) uses GloVe when installed; null disables. */
  wordVectors?: WordVectors | null | 'packaged';
  /** SVM regularisation (higher fits the training data more closely). */
  C?: number;
  /** Extra dense features (the mood model adds lexicon valences). */
  extras?: FeatureExtras;
  /** A sentence encoder's embeddings appended to the features (optional); the model needs the encoder to load. */
  dense?: DenseFeatures | null;
  onProgress?: (progress: TrainingProgress) => void;
}

/** Threshold used when no out-of-scope examples exist to tune it. */
export const DEFAULT_THRESHOLD = 0.3;
const MIN_EXAMPLES_TO_CALIBRATE = 40;
const EMBEDDING_WEIGHT = 1;

/**
 * Learns intents from labelled examples. Confidences are calibrated by temperature scaling on a
 * held-out fifth; the threshold is chosen there too when out-of-scope examples are given.
 */
export async function trainIntentModel(examples: readonly IntentExample[], options: TrainIntentOptions = {}): Promise<IntentModel> {
  const outOfScopeLabel = options.outOfScopeLabel ?? null;
  const texts = validate(examples);
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const inScopeLabels = labels.filter((l) => l !== outOfScopeLabel);
  if (inScopeLabels.length < 2) {
    throw new AssistError('NOT_ENOUGH_EXAMPLES', `need examples of at least two intents, got ${inScopeLabels.length}`);
  }
  if (options.threshold !== undefined && options.threshold !== 'auto' && !(options.threshold >= 0 && options.threshold <= 1)) {
    throw new AssistError('INVALID_OPTION', `threshold must be between 0 and 1 or 'auto'`);
  }
  const C = options.C ?? DEFAULT_SVM_OPTIONS.C;
  if (!(C > 0)) throw new AssistError('INVALID_OPTION', 'C must be positive');
  if (options.dense) checkDenseFeatures(options.dense);
  const vectors = options.wordVectors === undefined || options.wordVectors === 'packaged' ? await loadPackagedWordVectors() : options.wordVectors;

  const progress = options.onProgress ?? (() => {});
  const labelIds = new Map(labels.map((l, i) => [l, i]));
  const y = Int32Array.from(examples, (e) => labelIds.get(e.label)!);
  const featurizer = IntentFeaturizer.fit(texts, vectors, EMBEDDING_WEIGHT, options.extras, options.dense ?? null);
  const xs: SparseVector[] = [];
  for (let i = 0; i < texts.length; i++) {
    xs.push(featurizer.transform(texts[i]!));
    if (i % 1000 === 999 || i === texts.length - 1) progress({ stage: 'features', done: i + 1, total: texts.length });
  }
  const svm = { ...DEFAULT_SVM_OPTIONS, C };

  const oosId = outOfScopeLabel === null ? -1 : (labelIds.get(outOfScopeLabel) ?? -1);
  const calibration =
    examples.length >= MIN_EXAMPLES_TO_CALIBRATE ? calibrateOnHeldOut({ xs, y, classCount: labels.length, featurizer, svm, oosId, progress }) : null;
  let threshold = typeof options.threshold === 'number' ? options.threshold : DEFAULT_THRESHOLD;
  if ((options.threshold === undefined || options.threshold === 'auto') && calibration?.threshold !== undefined) {
    threshold = calibration.threshold;
  }

  const linear = trainOneVsRest(xs, y, labels.length, featurizer.dimension, {
    ...svm,
    warmStart: (c) => calibration?.duals[c],
    onProgress: (done, total) => progress({ stage: 'training', done, total }),
  });
  // The saved form keeps 8-bit weights; predict with exactly those from the start.
  roundToQuantized(linear);
  const kept = pickExemplars(y, labels.length);
  return new IntentModel({
    labels,
    featurizer,
    linear,
    temperature: calibration?.temperature ?? DEFAULT_SCALE,
    platt: calibration?.platt ?? DEFAULT_PLATT,
    exemplars: new ExemplarSet(
      kept.map((i) => texts[i]!),
      Int32Array.from(kept, (i) => y[i]!),
      labels.length,
      featurizer,
      kept.map((i) => xs[i]!),
    ),
    threshold,
    outOfScopeLabel,
    trainedAt: new Date().toISOString(),
    exampleCount: examples.length,
  });
}

function validate(examples: readonly IntentExample[]): string[] {
  if (!Array.isArray(examples) || examples.length === 0) {
    throw new AssistError('NOT_ENOUGH_EXAMPLES', 'no training examples given');
  }
  return examples.map((e, i) => {
    if (!e || typeof e.label !== 'string' || e.label.trim() === '') {
      throw new AssistError('UNKNOWN_LABEL', `example ${i + 1} has no label`);
    }
    return checkText(e.text, `example ${i + 1} text`);
  });
}
