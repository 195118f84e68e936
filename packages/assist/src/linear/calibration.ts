/** Softmax of scores scaled by a temperature factor. */
export function softmax(scores: ArrayLike<number>, scale: number, out = new Float64Array(scores.length)): Float64Array {
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) max = Math.max(max, scores[i]! * scale);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp(scores[i]! * scale - max);
    sum += out[i]!;
  }
  for (let i = 0; i < scores.length; i++) out[i]! /= sum;
  return out;
}

/** Scale used when there is nothing to calibrate on; typical of the fitted values on real data. */
export const DEFAULT_SCALE = 5;
/** Pseudo-count pulling fits on a few held-out examples towards the default (all-correct sets push to infinity). */
const PRIOR_WEIGHT = 50;

/**
 * Temperature scaling (Guo et al. 2017): the one factor that minimises the negative log-likelihood
 * of held-out scores, found by golden-section search on a log scale, shrunk towards the default
 * when few examples were held out.
 */
export function fitTemperature(heldOut: { scores: Float32Array; label: number }[]): number {
  if (heldOut.length === 0) return DEFAULT_SCALE;
  const nll = (logScale: number): number => {
    const scale = Math.exp(logScale);
    let total = 0;
    for (const { scores, label } of heldOut) {
      let max = -Infinity;
      for (const s of scores) max = Math.max(max, s * scale);
      let sum = 0;
      for (const s of scores) sum += Math.exp(s * scale - max);
      total -= scores[label]! * scale - max - Math.log(sum);
    }
    return total;
  };
  let lo = Math.log(0.5);
  let hi = Math.log(30);
  const phi = (Math.sqrt(5) - 1) / 2;
  let a = hi - phi * (hi - lo);
  let b = lo + phi * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let i = 0; i < 40; i++) {
    if (fa < fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - phi * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + phi * (hi - lo);
      fb = nll(b);
    }
  }
  const fitted = (lo + hi) / 2;
  const n = heldOut.length;
  return Math.exp((n * fitted + PRIOR_WEIGHT * Math.log(DEFAULT_SCALE)) / (n + PRIOR_WEIGHT));
}
