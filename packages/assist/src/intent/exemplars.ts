import { dot, type SparseVector } from '../text/sparse.js';
import type { IntentFeaturizer } from './featurizer.js';

/** Examples kept per intent: bounds prediction time and model size whatever the training set. */
export const MAX_EXEMPLARS_PER_CLASS = 200;

/**
 * Picks at most MAX_EXEMPLARS_PER_CLASS example positions per class, spread evenly over each class's
 * examples in their original order (deterministic).
 */
export function pickExemplars(labels: Int32Array, classCount: number): number[] {
  const byClass: number[][] = Array.from({ length: classCount }, () => []);
  for (const [i, label] of labels.entries()) byClass[label]!.push(i);
  const picked: number[] = [];
  for (const members of byClass) {
    if (members.length <= MAX_EXEMPLARS_PER_CLASS) picked.push(...members);
    else for (let k = 0; k < MAX_EXEMPLARS_PER_CLASS; k++) picked.push(members[Math.floor((k * members.length) / MAX_EXEMPLARS_PER_CLASS)]!);
  }
  return picked.sort((a, b) => a - b);
}

/**
 * The training examples kept beside a model. How close a message comes to the nearest example of
 * its likely intents tells "a new way to ask for this" from "something else entirely" better than
 * the classifier's scores alone.
 */
export class ExemplarSet {
  private byClass: SparseVector[][] | null = null;

  constructor(
    readonly texts: readonly string[],
    readonly labels: Int32Array,
    private readonly classCount: number,
    private readonly featurizer: IntentFeaturizer,
    vectors?: readonly SparseVector[],
  ) {
    if (vectors) this.byClass = group(vectors, labels, classCount);
  }

  /** Featurises the kept examples now rather than on the first prediction. */
  prepare(): SparseVector[][] {
    this.byClass ??= group(
      this.texts.map((t) => this.featurizer.transform(t)),
      this.labels,
      this.classCount,
    );
    return this.byClass;
  }

  /** Highest cosine similarity between `x` and the examples of the given classes. */
  maxSimilarity(x: SparseVector, classes: readonly number[]): number {
    const byClass = this.prepare();
    let best = 0;
    for (const c of classes) {
      for (const example of byClass[c] ?? []) {
        const similarity = dot(x, example);
        if (similarity > best) best = similarity;
      }
    }
    return best;
  }
}

function group(vectors: readonly SparseVector[], labels: Int32Array, classCount: number): SparseVector[][] {
  const out: SparseVector[][] = Array.from({ length: classCount }, () => []);
  for (const [i, v] of vectors.entries()) out[labels[i]!]!.push(v);
  return out;
}
