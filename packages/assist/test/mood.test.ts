import { describe, expect, it } from 'vitest';
import { type Mood, MoodModel, moodTrend, trainMoodModel } from '../src/index.js';

describe('MoodModel.lexicon', () => {
  const model = MoodModel.lexicon();

  it('scores clear messages', () => {
    expect(model.score('Thank you so much, that was really helpful!').mood).toBe('positive');
    expect(model.score('This is the worst service, my flight was cancelled and nobody helps').mood).toBe('negative');
    expect(model.score('What time does the shop open on Sunday?').mood).toBe('neutral');
    expect(model.score('😡😡 still waiting').mood).toBe('negative');
  });

  it('treats words named like object properties as plain words', () => {
    const score = model.score('constructor toString __proto__ hasOwnProperty');
    expect(score.mood).toBe('neutral');
    expect(Number.isFinite(score.valence)).toBe(true);
  });

  it('reads requests for help as neutral, not as praise', () => {
    expect(model.score('please help me change my booking').mood).toBe('neutral');
  });

  it('flips words after a negation', () => {
    expect(model.score('I am not happy with this').mood).toBe('negative');
    expect(model.score('not bad at all').valence).toBeGreaterThan(model.score('bad').valence);
  });

  it('returns probabilities that add up and a valence between -1 and 1', () => {
    const score = model.score('great, thanks');
    const { negative, neutral, positive } = score.probabilities;
    expect(negative + neutral + positive).toBeCloseTo(1, 6);
    expect(score.valence).toBeGreaterThan(0);
    expect(score.confidence).toBe(positive);
  });

  it('round-trips through save and load, and refuses bad input', () => {
    expect(MoodModel.load(model.save()).kind).toBe('lexicon');
    expect(() => model.score('')).toThrowError(expect.objectContaining({ code: 'EMPTY_TEXT' }));
    expect(() => MoodModel.load('{"broken"')).toThrowError(expect.objectContaining({ code: 'CORRUPT_MODEL' }));
  });
});

describe('trainMoodModel', () => {
  const examples: { text: string; sentiment: Mood }[] = [];
  const negative = [
    'the app keeps crashing',
    'my order is late again',
    'terrible support, no answer',
    'I was charged twice',
    'parcel lost and nobody cares',
    'still waiting for my refund',
    'your service is awful',
    'login broken for days',
  ];
  const neutral = [
    'what are your opening hours',
    'how do I change my address',
    'is there a student discount',
    'where can I find the invoice',
    'can I pay by bank transfer',
    'which plan includes exports',
    'do you ship to canada',
    'what is the order number format',
  ];
  const positive = [
    'thanks, that fixed it',
    'great support, very quick',
    'love the new update',
    'you are amazing, thank you',
    'perfect, works now',
    'brilliant service today',
    'really happy with the product',
    'cheers, much appreciated',
  ];
  for (const [sentiment, texts] of [
    ['negative', negative],
    ['neutral', neutral],
    ['positive', positive],
  ] as const) {
    for (const text of texts) examples.push({ text, sentiment });
  }

  it('learns a workspace mood model from labelled messages', async () => {
    const model = await trainMoodModel(examples, { wordVectors: null });
    expect(model.kind).toBe('learned');
    expect(model.score('the app is crashing again, awful').mood).toBe('negative');
    expect(model.score('thank you, great help').mood).toBe('positive');
    const loaded = MoodModel.load(model.save());
    expect(loaded.score('where is the invoice').mood).toBe(model.score('where is the invoice').mood);
  });

  it('refuses to load or wrap an intent model as a mood model', async () => {
    const { trainIntentModel } = await import('../src/index.js');
    const intents = await trainIntentModel(
      [
        { text: 'where is my card', label: 'card' },
        { text: 'card not arrived', label: 'card' },
        { text: 'refund please', label: 'refund' },
        { text: 'money back', label: 'refund' },
      ],
      { wordVectors: null },
    );
    expect(() => MoodModel.load(intents.save())).toThrowError(expect.objectContaining({ code: 'CORRUPT_MODEL' }));
    expect(() => MoodModel.fromIntentModel(intents)).toThrowError(expect.objectContaining({ code: 'UNKNOWN_LABEL' }));
  });

  it('refuses labels other than the three moods', async () => {
    const bad = [...examples, { text: 'meh', sentiment: 'angry' as Mood }];
    await expect(trainMoodModel(bad, { wordVectors: null })).rejects.toMatchObject({ code: 'UNKNOWN_LABEL' });
  });
});

describe('moodTrend', () => {
  const model = MoodModel.lexicon();
  const score = (texts: string[]) => texts.map((t) => model.score(t));

  it('sees a conversation souring and raises an alert', () => {
    const trend = moodTrend(
      score([
        'Hi, thanks for getting back to me',
        'ok, I will try that',
        'it still does not work',
        'this is ridiculous, I am so angry',
        'worst support ever, terrible',
      ]),
    );
    expect(trend.direction).toBe('souring');
    expect(trend.alert).toBe(true);
    expect(trend.negativeStreak).toBeGreaterThanOrEqual(2);
  });

  it('sees a conversation improving', () => {
    const trend = moodTrend(score(['this is terrible, my card is blocked', 'awful, I am stuck abroad', 'ok that worked', 'great, thank you so much!']));
    expect(trend.direction).toBe('improving');
    expect(trend.alert).toBe(false);
  });

  it('is steady and calm for an empty or neutral conversation', () => {
    expect(moodTrend([])).toMatchObject({ direction: 'steady', alert: false });
    expect(moodTrend(score(['what are your hours', 'and on sunday?']))).toMatchObject({ direction: 'steady', alert: false });
  });
});
