import { AssistError } from '../errors.js';
import { IntentModel } from '../intent/model.js';
import { trainIntentModel, type TrainIntentOptions } from '../intent/train.js';
import { checkText } from '../text/normalize.js';
import type { WordVectors } from '../text/word-vectors.js';
import { readLexicon } from './lexicon.js';
import { MOODS, type Mood, type MoodExample, type MoodScore } from './types.js';

const LEXICON_FORMAT = '{"format":"switchboard.mood-lexicon","version":1}';

/**
 * Scores customer messages negative, neutral or positive. The default model reads the AFINN and
 * emoji lexicons with negation rules (nothing learned from anyone's data); a workspace can train
 * its own from labelled messages with `trainMoodModel`.
 */
export class MoodModel {
  private constructor(private readonly learned: IntentModel | null) {}

  /** The shipped lexicon model. */
  static lexicon(): MoodModel {
    return new MoodModel(null);
  }

  get kind(): 'lexicon' | 'learned' {
    return this.learned ? 'learned' : 'lexicon';
  }

  score(text: string): MoodScore {
    checkText(text, 'message');
    const probabilities = this.learned ? learnedProbabilities(this.learned, text) : lexiconProbabilities(text);
    let mood: Mood = 'neutral';
    for (const m of MOODS) if (probabilities[m] > probabilities[mood]) mood = m;
    return { mood, confidence: probabilities[mood], valence: probabilities.positive - probabilities.negative, probabilities };
  }

  save(): string {
    return this.learned ? this.learned.save() : LEXICON_FORMAT;
  }

  static load(saved: string, options: { wordVectors?: WordVectors | null } = {}): MoodModel {
    if (saved === LEXICON_FORMAT) return MoodModel.lexicon();
    const model = IntentModel.load(saved, options);
    if (!isMoodClassifier(model)) throw new AssistError('CORRUPT_MODEL', `not a mood model: it predicts ${model.labels.join(', ')}`);
    return new MoodModel(model);
  }

  /** Wraps a trained classifier whose labels are moods. */
  static fromIntentModel(model: IntentModel): MoodModel {
    if (!isMoodClassifier(model)) {
      throw new AssistError('UNKNOWN_LABEL', `a mood model predicts negative, neutral or positive, not ${model.labels.join(', ')}`);
    }
    return new MoodModel(model);
  }
}

function isMoodClassifier(model: IntentModel): boolean {
  return model.labels.every((l) => (MOODS as readonly string[]).includes(l));
}

/** Learns mood from labelled messages with the intent learner plus lexicon features. */
export async function trainMoodModel(
  examples: readonly MoodExample[],
  options: Pick<TrainIntentOptions, 'wordVectors' | 'onProgress' | 'C'> = {},
): Promise<MoodModel> {
  examples.forEach((e, i) => {
    if (!(MOODS as readonly string[]).includes(e?.sentiment)) {
      throw new AssistError('UNKNOWN_LABEL', `example ${i + 1}: sentiment must be negative, neutral or positive, got "${String(e?.sentiment)}"`);
    }
  });
  const model = await trainIntentModel(
    examples.map((e) => ({ text: e.text, label: e.sentiment })),
    { C: 0.3, ...options, threshold: 0, extras: { moodLexicon: 1 } },
  );
  return MoodModel.fromIntentModel(model);
}

function learnedProbabilities(model: IntentModel, text: string): Record<Mood, number> {
  const p = model.probabilities(text);
  const out: Record<Mood, number> = { negative: 0, neutral: 0, positive: 0 };
  model.labels.forEach((label, i) => {
    out[label as Mood] = p[i]!;
  });
  return out;
}

/** Maps lexicon valence to probabilities; the neutral band narrows as evidence grows. */
function lexiconProbabilities(text: string): Record<Mood, number> {
  const r = readLexicon(text);
  const evidence = Math.tanh(r.score / 3) + (r.shouting > 0.6 ? -0.3 : 0) + (r.exclamations > 1 && r.score < 0 ? -0.2 : 0);
  const positive = Math.exp(3 * evidence);
  const negative = Math.exp(-3 * evidence);
  const neutral = Math.exp(1.2);
  const sum = positive + negative + neutral;
  return { negative: negative / sum, neutral: neutral / sum, positive: positive / sum };
}
