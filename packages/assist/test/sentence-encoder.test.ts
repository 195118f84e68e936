import { describe, expect, it } from 'vitest';
import {
  type SentenceEncoder,
  EncodedTexts,
  IntentModel,
  loadEncodedIntentModel,
  loadSentenceEncoder,
  savedSentenceEncoder,
  trainEncodedIntentModel,
} from '../src/index.js';
import { intentExamples } from './fixtures.js';

const noVectors = { wordVectors: null } as const;
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe('the sentence encoder (Universal Sentence Encoder lite, packaged weights)', () => {
  it('loads once per process and embeds batches into unit vectors where close meanings are close', async () => {
    const encoder = await loadSentenceEncoder();
    expect(await loadSentenceEncoder('use-lite')).toBe(encoder);
    const [card, arrived, weather, empty] = await encoder.embed(['where is my card', 'my card has not arrived', 'what is the weather like', '  ']);
    expect(encoder.dimension).toBe(512);
    expect(card).toHaveLength(512);
    expect(dot(card!, card!)).toBeCloseTo(1, 3);
    expect(dot(card!, arrived!)).toBeGreaterThan(dot(card!, weather!) + 0.2);
    expect(dot(empty!, empty!)).toBe(0);
    const many = await encoder.embed(Array.from({ length: 70 }, (_, i) => `message number ${i}`));
    expect(many).toHaveLength(70);
  });

  it('refuses an unknown encoder, and serves only texts embedded beforehand', async () => {
    await expect(loadSentenceEncoder('bert')).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    const texts = new EncodedTexts(await loadSentenceEncoder());
    await texts.add(['hello there']);
    expect(texts.encode('hello there')).toHaveLength(512);
    expect(() => texts.encode('not embedded')).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
  });

  it('trains beside the features, records the encoder, and loads and predicts identically with it', async () => {
    const encoder = await loadSentenceEncoder();
    const model = await trainEncodedIntentModel(intentExamples(true), { ...noVectors, outOfScopeLabel: 'oos' }, encoder);
    expect(model.encoder).toBe('use-lite');
    const saved = model.save();
    expect(savedSentenceEncoder(saved)).toBe('use-lite');
    const asked: string[] = [];
    const loaded = await loadEncodedIntentModel(saved, {
      wordVectors: null,
      encoder: async (name) => {
        asked.push(name);
        return encoder;
      },
    });
    expect(asked).toEqual(['use-lite']);
    const texts = ['my card never came', 'give me my money back', 'what is the capital of france', 'reset password'];
    const [a, b] = [await Promise.all(texts.map((t) => model.predict(t))), await Promise.all(texts.map((t) => loaded.predict(t)))];
    // The encoder's numbers move in the 7th digit with the batch a text is embedded in: the same answers.
    expect(b.map((p) => p.label)).toEqual(a.map((p) => p.label));
    for (const [i, p] of b.entries()) expect(p.confidence).toBeCloseTo(a[i]!.confidence, 5);
    expect(a[0]!.label).toBe('card_arrival');
    expect(a[1]!.label).toBe('refund');
  });

  it('loads models trained without it as before, never asking for it; a missing encoder fails the load with its error', async () => {
    const plain = await trainEncodedIntentModel(intentExamples(), { ...noVectors, threshold: 0 }, null);
    expect(plain.encoder).toBeNull();
    expect(savedSentenceEncoder(plain.save())).toBeNull();
    const never = async (): Promise<SentenceEncoder> => {
      throw new Error('not asked');
    };
    const loaded = await loadEncodedIntentModel(plain.save(), { wordVectors: null, encoder: never });
    expect(await loaded.predict('refund me')).toEqual(IntentModel.load(plain.save()).predict('refund me'));
    const encoded = await trainEncodedIntentModel(intentExamples(), { ...noVectors, threshold: 0 }, await loadSentenceEncoder());
    const unavailable = async (): Promise<SentenceEncoder> => {
      throw Object.assign(new Error('gone'), { code: 'ENCODER_UNAVAILABLE' });
    };
    await expect(loadEncodedIntentModel(encoded.save(), { wordVectors: null, encoder: unavailable })).rejects.toMatchObject({ code: 'ENCODER_UNAVAILABLE' });
  });
});
