export interface Component {
  /** Scores of the documents that matched; every other document scores zero. */
  scores: Map<number, number>;
  weight: number;
}

/**
 * Standardises each component over the whole collection (absent documents count as zero), then
 * adds the weighted z-scores: components on different scales contribute evenly.
 */
export function fuse(components: Component[], documentCount: number, limit: number): { slot: number; score: number }[] {
  const total = new Map<number, number>();
  const baseline: number[] = [];
  for (const { scores, weight } of components) {
    let sum = 0;
    let squares = 0;
    for (const s of scores.values()) {
      sum += s;
      squares += s * s;
    }
    const mean = sum / documentCount;
    const variance = squares / documentCount - mean * mean;
    const sd = variance > 1e-12 ? Math.sqrt(variance) : 0;
    if (sd === 0) continue;
    // A document absent from this component scores (0 - mean) / sd; track it as a shared baseline.
    baseline.push((weight * -mean) / sd);
    for (const [slot, s] of scores) total.set(slot, (total.get(slot) ?? 0) + (weight * (s - mean)) / sd - (weight * -mean) / sd);
  }
  const base = baseline.reduce((a, b) => a + b, 0);
  return [...total]
    .map(([slot, score]) => ({ slot, score: score + base }))
    .sort((a, b) => b.score - a.score || a.slot - b.slot)
    .slice(0, limit);
}
