export interface IntentExample {
  text: string;
  label: string;
}

export interface RankedIntent {
  label: string;
  /** Softmax probability among the known intents (temperature-calibrated). */
  probability: number;
}

export interface IntentPrediction {
  /** The predicted intent, or null for "none of these" (out of scope). */
  label: string | null;
  /**
   * Calibrated probability that the best in-scope intent is the right answer, from its score and
   * its similarity to the nearest training examples (Platt-scaled on held-out examples).
   */
  confidence: number;
  outOfScope: boolean;
  /** Best intents first (at most five), whatever the decision. */
  ranked: RankedIntent[];
}

export interface TrainingProgress {
  stage: 'features' | 'calibration' | 'training';
  done: number;
  total: number;
}
