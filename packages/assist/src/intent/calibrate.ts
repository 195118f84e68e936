import { fitTemperature } from '../linear/calibration.js';
import { seededRandom, shuffleInPlace } from '../linear/random.js';
import { type SvmOptions, linearScores, trainOneVsRest } from '../linear/svm.js';
import type { SparseVector } from '../text/sparse.js';
import { ExemplarSet, pickExemplars } from './exemplars.js';
import type { IntentFeaturizer } from './featurizer.js';
import { type Platt, fitPlatt, plattProbability, readScope } from './scope.js';
import { chooseThreshold } from './threshold.js';
import type { TrainingProgress } from './types.js';

const HELD_OUT_SHARE = 0.2;

export interface Calibration {
  temperature: number;
  platt: Platt;
  /** Chosen only when out-of-scope examples were held out. */
  threshold: number | undefined;
  /** The probe's dual variables per class, over all examples, to warm-start the final model. */
  duals: Float32Array[];
}

interface Props {
  xs: readonly SparseVector[];
  y: Int32Array;
  classCount: number;
  featurizer: IntentFeaturizer;
  svm: SvmOptions;
  /** Class id of the out-of-scope label, or -1. */
  oosId: number;
  progress: (p: TrainingProgress) => void;
}

/**
 * Trains a probe model on four fifths of the examples and reads the held-out fifth: the softmax
 * temperature, the Platt sigmoid behind `confidence`, and (with out-of-scope examples) the threshold.
 */
export function calibrateOnHeldOut({ xs, y, classCount, featurizer, svm, oosId, progress }: Props): Calibration {
  const { train, heldOut } = stratifiedSplit(y, classCount, oosId);
  const trainY = Int32Array.from(train, (i) => y[i]!);
  const duals: Float32Array[] = [];
  const probe = trainOneVsRest(
    train.map((i) => xs[i]!),
    trainY,
    classCount,
    featurizer.dimension,
    {
      ...svm,
      onProgress: (done, total) => progress({ stage: 'calibration', done, total }),
      keepDuals: (c, alpha) => {
        const full = new Float32Array(xs.length);
        for (const [k, i] of train.entries()) full[i] = alpha[k]!;
        duals[c] = full;
      },
    },
  );
  const temperature = fitTemperature(heldOut.map((i) => ({ scores: linearScores(probe, xs[i]!), label: y[i]! })));
  const picked = pickExemplars(trainY, classCount).map((k) => train[k]!);
  const exemplars = new ExemplarSet(
    [],
    Int32Array.from(picked, (i) => y[i]!),
    classCount,
    featurizer,
    picked.map((i) => xs[i]!),
  );
  const readings = heldOut.map((i) => ({ label: y[i]!, reading: readScope(probe, exemplars, xs[i]!, temperature, oosId) }));
  const platt = fitPlatt(readings.map(({ label, reading }) => ({ evidence: reading.evidence, right: label !== oosId && reading.best === label })));
  const decisions = readings.map(({ label, reading }) => ({
    confidence: plattProbability(platt, reading.evidence),
    correct: reading.best === label,
    outOfScope: label === oosId,
    predictedOutOfScope: reading.top === oosId,
  }));
  const threshold = decisions.some((d) => d.outOfScope) ? chooseThreshold(decisions) : undefined;
  return { temperature, platt, threshold, duals };
}

/** A held-out fifth of every label; out-of-scope examples are split evenly so both halves see them. */
function stratifiedSplit(y: Int32Array, classCount: number, oosId: number): { train: number[]; heldOut: number[] } {
  const random = seededRandom(11);
  const byClass: number[][] = Array.from({ length: classCount }, () => []);
  for (const [i, label] of y.entries()) byClass[label]!.push(i);
  const train: number[] = [];
  const heldOut: number[] = [];
  byClass.forEach((members, label) => {
    shuffleInPlace(members, random);
    const share = label === oosId ? 0.5 : HELD_OUT_SHARE;
    const take = members.length < 3 ? 0 : Math.max(1, Math.round(members.length * share));
    heldOut.push(...members.slice(0, take));
    train.push(...members.slice(take));
  });
  return { train, heldOut };
}
