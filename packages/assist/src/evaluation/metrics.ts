/** Share of predictions equal to the truth. */
export function accuracy(truth: readonly string[], predicted: readonly (string | null)[]): number {
  if (truth.length === 0) return 0;
  let ok = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) ok++;
  return ok / truth.length;
}

/** Unweighted mean of per-label F1 over the labels present in the truth. */
export function macroF1(truth: readonly string[], predicted: readonly (string | null)[]): number {
  const labels = [...new Set(truth)];
  if (labels.length === 0) return 0;
  let total = 0;
  for (const label of labels) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (let i = 0; i < truth.length; i++) {
      const isTrue = truth[i] === label;
      const isPredicted = predicted[i] === label;
      if (isTrue && isPredicted) tp++;
      else if (isPredicted) fp++;
      else if (isTrue) fn++;
    }
    total += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return total / labels.length;
}

/** Share of queries whose relevant item is among the first k results. */
export function recallAtK(ranks: readonly (number | null)[], k: number): number {
  if (ranks.length === 0) return 0;
  return ranks.filter((r) => r !== null && r <= k).length / ranks.length;
}

/** Mean reciprocal rank (1-based ranks; null when not retrieved). */
export function meanReciprocalRank(ranks: readonly (number | null)[]): number {
  if (ranks.length === 0) return 0;
  let sum = 0;
  for (const r of ranks) if (r !== null) sum += 1 / r;
  return sum / ranks.length;
}
