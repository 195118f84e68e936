/** One query-time score per article slot. Sparse components list their non-zero slots. */
export interface Component {
  scores: Float64Array;
  /** Slots with a score; null when every live slot has one (dense). */
  touched: readonly number[] | null;
  weight: number;
}

/**
 * Standardises each component over the whole collection (absent articles count as zero), then
 * adds the weighted z-scores so components on different scales contribute evenly. Subtracting
 * the mean shifts every article alike, so only the scale enters the ranking; the returned score
 * is the full z-score sum.
 */
export function fuse(components: readonly Component[], live: Uint8Array, liveCount: number, limit: number): { slot: number; score: number }[] {
  const total = new Float64Array(live.length);
  const candidate = new Uint8Array(live.length);
  const candidates: number[] = [];
  let base = 0;
  for (const { scores, touched, weight } of components) {
    let sum = 0;
    let squares = 0;
    const visit = (slot: number) => {
      const s = scores[slot]!;
      sum += s;
      squares += s * s;
    };
    if (touched) for (const slot of touched) visit(slot);
    else for (let slot = 0; slot < live.length; slot++) if (live[slot]) visit(slot);
    const mean = sum / liveCount;
    const variance = squares / liveCount - mean * mean;
    if (!(variance > 1e-12)) {
      // Every article scores alike (a collection of one, say): nothing to rank by, but the matches are still candidates.
      if (touched) {
        for (const slot of touched) {
          if (scores[slot]! > 0 && !candidate[slot]) {
            candidate[slot] = 1;
            candidates.push(slot);
          }
        }
      }
      continue;
    }
    const scale = weight / Math.sqrt(variance);
    base -= mean * scale;
    const add = (slot: number) => {
      total[slot]! += scores[slot]! * scale;
      if (!candidate[slot]) {
        candidate[slot] = 1;
        candidates.push(slot);
      }
    };
    if (touched) for (const slot of touched) add(slot);
    else for (let slot = 0; slot < live.length; slot++) if (live[slot]) add(slot);
  }
  return topK(candidates, total, limit).map((slot) => ({ slot, score: total[slot]! + base }));
}

/** The `k` best slots, best first (ties by slot), without sorting every candidate. */
function topK(candidates: readonly number[], score: Float64Array, k: number): number[] {
  const best: number[] = [];
  const better = (a: number, b: number) => score[a]! > score[b]! || (score[a] === score[b] && a < b);
  for (const slot of candidates) {
    if (best.length === k && !better(slot, best[k - 1]!)) continue;
    let at = best.length === k ? k - 1 : best.length;
    if (best.length < k) best.push(slot);
    while (at > 0 && better(slot, best[at - 1]!)) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = slot;
  }
  return best;
}
