import { AssistError } from '../errors.js';
import { softmax } from '../linear/calibration.js';
import { type LinearModel, linearScores } from '../linear/svm.js';
import { checkText } from '../text/normalize.js';
import type { WordVectors } from '../text/word-vectors.js';
import type { DenseEncoder } from './dense.js';
import type { ExemplarSet } from './exemplars.js';
import type { IntentFeaturizer } from './featurizer.js';
import { type Platt, plattProbability, readScope } from './scope.js';
import { decodeIntentModel, encodeIntentModel } from './serialize.js';
import type { IntentPrediction, RankedIntent } from './types.js';

export interface IntentModelParts {
  labels: string[];
  featurizer: IntentFeaturizer;
  linear: LinearModel;
  /** Softmax scale fitted on held-out examples. */
  temperature: number;
  /** Maps evidence to the probability of being right, fitted on held-out examples. */
  platt: Platt;
  exemplars: ExemplarSet;
  /** Below this confidence the answer is "none of these". */
  threshold: number;
  /** Label that marks out-of-scope examples in the training data, if any. */
  outOfScopeLabel: string | null;
  trainedAt: string;
  exampleCount: number;
}

/** A trained intent classifier: calibrated confidences and a "none of these" decision. */
export class IntentModel {
  constructor(private readonly parts: IntentModelParts) {}

  /** Intents the model can return (the out-of-scope label excluded). */
  get labels(): readonly string[] {
    return this.parts.labels.filter((l) => l !== this.parts.outOfScopeLabel);
  }

  get threshold(): number {
    return this.parts.threshold;
  }

  get outOfScopeLabel(): string | null {
    return this.parts.outOfScopeLabel;
  }

  get info(): { exampleCount: number; trainedAt: string; temperature: number; wordVectors: string | null } {
    return {
      exampleCount: this.parts.exampleCount,
      trainedAt: this.parts.trainedAt,
      temperature: this.parts.temperature,
      wordVectors: this.parts.featurizer.wordVectorsName,
    };
  }

  /** A copy that answers "none of these" below another threshold. */
  withThreshold(threshold: number): IntentModel {
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new AssistError('INVALID_OPTION', `threshold must be between 0 and 1, got ${threshold}`);
    }
    return new IntentModel({ ...this.parts, threshold });
  }

  /** Calibrated probabilities for every label (out-of-scope label included when trained with one). */
  probabilities(text: string): Float64Array {
    checkText(text);
    const scores = linearScores(this.parts.linear, this.parts.featurizer.transform(text));
    return softmax(scores, this.parts.temperature);
  }

  predict(text: string): IntentPrediction {
    checkText(text);
    const { labels, outOfScopeLabel, threshold, linear, exemplars, temperature, platt } = this.parts;
    const oosId = outOfScopeLabel === null ? -1 : labels.indexOf(outOfScopeLabel);
    const reading = readScope(linear, exemplars, this.parts.featurizer.transform(text), temperature, oosId);
    const p = reading.probabilities;
    const order = [...p.keys()].sort((a, b) => p[b]! - p[a]!);
    const ranked: RankedIntent[] = [];
    for (const i of order) {
      if (i === oosId) continue;
      ranked.push({ label: labels[i]!, probability: p[i]! });
      if (ranked.length === 5) break;
    }
    const confidence = plattProbability(platt, reading.evidence);
    const outOfScope = reading.top === oosId || confidence < threshold;
    return { label: outOfScope ? null : labels[reading.best]!, confidence, outOfScope, ranked };
  }

  /** Serialises the model to a JSON string with a checksum. */
  save(): string {
    return encodeIntentModel(this.parts);
  }

  /**
   * Restores a saved model; throws AssistError CORRUPT_MODEL or UNSUPPORTED_MODEL_VERSION.
   * A model trained with word vectors or a sentence encoder needs the same ones again.
   */
  static load(saved: string, options: { wordVectors?: WordVectors | null; denseEncoder?: DenseEncoder | null } = {}): IntentModel {
    const parts = decodeIntentModel(saved, options.wordVectors ?? null, options.denseEncoder ?? null);
    // Featurise the kept examples now, so every prediction stays fast, the first one included.
    parts.exemplars.prepare();
    return new IntentModel(parts);
  }
}
