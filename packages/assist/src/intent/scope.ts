import { softmax } from '../linear/calibration.js';
import { type LinearModel, linearScores } from '../linear/svm.js';
import type { SparseVector } from '../text/sparse.js';
import type { ExemplarSet } from './exemplars.js';

/** Classes whose nearest examples are compared with a message. */
const NEIGHBOUR_CLASSES = 3;

export interface ScopeReading {
  /** Softmax probabilities over every class. */
  probabilities: Float64Array;
  /** Best class other than the out-of-scope class. */
  best: number;
  /** Best class overall (may be the out-of-scope class). */
  top: number;
  /** Evidence that `best` is right: its raw score plus its nearest-example similarity. */
  evidence: number;
}

export function readScope(linear: LinearModel, exemplars: ExemplarSet, x: SparseVector, temperature: number, outOfScopeId: number): ScopeReading {
  const scores = linearScores(linear, x);
  const probabilities = softmax(scores, temperature);
  const order: number[] = [];
  let top = 0;
  for (let c = 0; c < scores.length; c++) {
    if (scores[c]! > scores[top]!) top = c;
    if (c === outOfScopeId) continue;
    // Keep the NEIGHBOUR_CLASSES best in-scope classes, best first.
    let at = order.length;
    if (at < NEIGHBOUR_CLASSES) order.push(c);
    else if (scores[c]! <= scores[order[at - 1]!]!) continue;
    else at--;
    while (at > 0 && scores[c]! > scores[order[at - 1]!]!) {
      order[at] = order[at - 1]!;
      at--;
    }
    order[at] = c;
  }
  const best = order[0] ?? 0;
  const evidence = scores[best]! + exemplars.maxSimilarity(x, order);
  return { probabilities, best, top, evidence };
}

/** Platt scaling: P(right) = 1 / (1 + exp(-(a * evidence + b))). */
export interface Platt {
  a: number;
  b: number;
}

export const DEFAULT_PLATT: Platt = { a: 4, b: -2 };

export function plattProbability(platt: Platt, evidence: number): number {
  return 1 / (1 + Math.exp(-(platt.a * evidence + platt.b)));
}

/**
 * Fits Platt's sigmoid on held-out (evidence, right?) pairs by Newton's method, with Platt's
 * smoothed targets so a perfectly separated held-out set still gives finite parameters.
 */
export function fitPlatt(points: readonly { evidence: number; right: boolean }[]): Platt {
  const positives = points.filter((p) => p.right).length;
  const negatives = points.length - positives;
  if (positives === 0 || negatives === 0) return DEFAULT_PLATT;
  const hi = (positives + 1) / (positives + 2);
  const lo = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (const { evidence, right } of points) {
      const p = 1 / (1 + Math.exp(-(a * evidence + b)));
      const t = right ? hi : lo;
      const d = p - t;
      const w = p * (1 - p);
      ga += d * evidence;
      gb += d;
      haa += w * evidence * evidence;
      hab += w * evidence;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-12) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-7 && Math.abs(db) < 1e-7) break;
  }
  return Number.isFinite(a) && Number.isFinite(b) && a > 0 ? { a, b } : DEFAULT_PLATT;
}
