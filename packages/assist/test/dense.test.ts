import { describe, expect, it } from 'vitest';
import { type DenseEncoder, IntentModel, trainIntentModel } from '../src/index.js';
import { intentExamples } from './fixtures.js';

const noVectors = { wordVectors: null } as const;

/** A toy sentence encoder: one dimension per topic, from words the training examples mostly lack. */
const TOPICS = [
  ['card', 'plastic', 'zorblax'],
  ['refund', 'reimburs', 'money back', 'quuxify'],
  ['password', 'passcode', 'sign in', 'log in'],
  ['rate', 'currency', 'conversion'],
];
const topics: DenseEncoder = {
  name: 'topics',
  dimension: TOPICS.length,
  encode: (text) => {
    const lower = text.toLowerCase();
    const v = TOPICS.map((words) => (words.some((w) => lower.includes(w)) ? 1 : 0));
    const norm = Math.hypot(...v) || 1;
    return v.map((x) => x / norm);
  },
};
const withTopics = { ...noVectors, threshold: 0, dense: { ...topics, weight: 2 } };

describe('dense features from a sentence encoder', () => {
  it('lets the encoder carry meaning the words alone do not', async () => {
    const plain = await trainIntentModel(intentExamples(), { ...noVectors, threshold: 0 });
    const dense = await trainIntentModel(intentExamples(), withTopics);
    expect(plain.predict('quuxify').label).not.toBe('refund');
    expect(dense.predict('quuxify').label).toBe('refund');
    expect(dense.predict('zorblax').label).toBe('card_arrival');
  });

  it('needs the same encoder again to load, and then predicts identically', async () => {
    const model = await trainIntentModel(intentExamples(true), { ...withTopics, outOfScopeLabel: 'oos', threshold: 'auto' });
    const saved = model.save();
    expect(() => IntentModel.load(saved)).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(() => IntentModel.load(saved, { denseEncoder: { ...topics, name: 'other' } })).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
    const loaded = IntentModel.load(saved, { denseEncoder: topics });
    for (const text of ['quuxify', 'where is my card', 'what is the capital of france', 'reset password']) {
      expect(loaded.predict(text)).toEqual(model.predict(text));
    }
  });

  it('leaves models trained without an encoder unchanged and loadable with one', async () => {
    const model = await trainIntentModel(intentExamples(), { ...noVectors, threshold: 0 });
    expect(model.save()).not.toContain('"dense"');
    expect(IntentModel.load(model.save(), { denseEncoder: topics }).predict('refund me').label).toBe('refund');
  });

  it('refuses a bad encoder or weight with INVALID_OPTION', async () => {
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: { code?: string }) => e.code,
      );
    const short = { ...topics, weight: 1, encode: () => [1, 0] };
    const nan = { ...topics, weight: 1, encode: () => [Number.NaN, 0, 0, 0] };
    expect(await code(trainIntentModel(intentExamples(), { ...noVectors, dense: short }))).toBe('INVALID_OPTION');
    expect(await code(trainIntentModel(intentExamples(), { ...noVectors, dense: nan }))).toBe('INVALID_OPTION');
    expect(await code(trainIntentModel(intentExamples(), { ...noVectors, dense: { ...topics, weight: 0 } }))).toBe('INVALID_OPTION');
    expect(await code(trainIntentModel(intentExamples(), { ...noVectors, dense: { ...topics, weight: 1, dimension: 0 } }))).toBe('INVALID_OPTION');
  });
});
