export interface HeldOutDecision {
  /** Confidence of the best in-scope intent. */
  confidence: number;
  /** Whether that intent is the right one (false for out-of-scope examples). */
  correct: boolean;
  /** The example is out of scope. */
  outOfScope: boolean;
  /** The model's best class is the out-of-scope class itself. */
  predictedOutOfScope: boolean;
}

/**
 * The confidence threshold that maximises in-scope accuracy plus out-of-scope recall on
 * held-out examples; both matter equally to a person routing conversations.
 */
export function chooseThreshold(decisions: readonly HeldOutDecision[]): number {
  const inScope = decisions.filter((d) => !d.outOfScope).length;
  const outOfScope = decisions.length - inScope;
  if (inScope === 0 || outOfScope === 0) return 0;
  const candidates = [0, ...new Set(decisions.map((d) => d.confidence))].sort((a, b) => a - b);
  let best = 0;
  let bestScore = -Infinity;
  for (const t of candidates) {
    let accepted = 0;
    let rejected = 0;
    for (const d of decisions) {
      const reject = d.predictedOutOfScope || d.confidence < t;
      if (d.outOfScope) rejected += reject ? 1 : 0;
      else accepted += !reject && d.correct ? 1 : 0;
    }
    const score = accepted / inScope + rejected / outOfScope;
    if (score > bestScore + 1e-9) {
      bestScore = score;
      best = t;
    }
  }
  return best;
}
