import { dot, type SparseVector } from '../text/sparse.js';
import type { IntentFeaturizer } from './featurizer.js';

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

  /** Highest cosine similarity between `x` and the examples of the given classes. */
  maxSimilarity(x: SparseVector, classes: readonly number[]): number {
    // Featurised on first use, so loading a saved model stays fast.
    this.byClass ??= group(this.texts.map((t) => this.featurizer.transform(t)), this.labels, this.classCount);
    let best = 0;
    for (const c of classes) {
      for (const example of this.byClass[c] ?? []) {
        const similarity = dot(x, example);
        if (similarity > best) best = similarity;
      }
    }
    return best;
  }
}

function group(vectors: readonly SparseVector[], labels: Int32Array, classCount: number): SparseVector[][] {
  const out: SparseVector[][] = Array.from({ length: classCount }, () => []);
  vectors.forEach((v, i) => out[labels[i]!]!.push(v));
  return out;
}
