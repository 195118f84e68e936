export interface IntentExample {
  text: string;
  label: string;
}

export interface RankedIntent {
  label: string;
  confidence: number;
}

export interface IntentPrediction {
  /** The predicted intent, or null for "none of these" (out of scope). */
  label: string | null;
  /** Calibrated probability of the best in-scope intent. */
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
