export const MOODS = ['negative', 'neutral', 'positive'] as const;
export type Mood = (typeof MOODS)[number];

export interface MoodScore {
  mood: Mood;
  /** Probability of that mood. */
  confidence: number;
  /** P(positive) - P(negative), from -1 (angry) to 1 (delighted). */
  valence: number;
  probabilities: Record<Mood, number>;
}

export interface MoodExample {
  text: string;
  sentiment: Mood;
}
