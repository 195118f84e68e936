import { describe, expect, it } from 'vitest';
import { AssistError, IntentModel, trainIntentModel, wordVectorsFromMap } from '../src/index.js';
import { intentExamples } from './fixtures.js';

const noVectors = { wordVectors: null } as const;

describe('trainIntentModel', () => {
  it('routes paraphrases it never saw to the right intent', async () => {
    const model = await trainIntentModel(intentExamples(), { ...noVectors, threshold: 0 });
    expect(model.predict('my card still has not come in the mail').label).toBe('card_arrival');
    expect(model.predict('I would like a refund of that payment').label).toBe('refund');
    expect(model.predict('forgot the password, need to reset it').label).toBe('password_reset');
    expect(model.predict('what rate do you apply to convert currency').label).toBe('exchange_rate');
  });

  it('copes with typos and other inflections', async () => {
    const model = await trainIntentModel(intentExamples(), { ...noVectors, threshold: 0 });
    expect(model.predict('pasword resett plz').label).toBe('password_reset');
    expect(model.predict('refunding my purchases').label).toBe('refund');
  });

  it('gives calibrated confidences that rank intents', async () => {
    const model = await trainIntentModel(intentExamples(), noVectors);
    const prediction = model.predict('when does my card arrive');
    expect(prediction.ranked.map((r) => r.label)[0]).toBe('card_arrival');
    const total = model.probabilities('when does my card arrive').reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(1, 5);
    expect(prediction.ranked[0]!.probability).toBeGreaterThan(prediction.ranked[1]!.probability);
    expect(prediction.ranked.length).toBe(4);
    expect(prediction.confidence).toBeGreaterThan(model.predict('the cat sat on the mat').confidence);
  });

  it('answers "none of these" for out-of-scope questions when trained with them', async () => {
    const model = await trainIntentModel(intentExamples(true), { ...noVectors, outOfScopeLabel: 'oos' });
    expect(model.labels).not.toContain('oos');
    const weather = model.predict('will it rain in london this weekend');
    expect(weather.outOfScope).toBe(true);
    expect(weather.label).toBeNull();
    expect(model.predict('my new card has not arrived').label).toBe('card_arrival');
  });

  it('rejects low-confidence answers below a fixed threshold', async () => {
    const model = await trainIntentModel(intentExamples(), { ...noVectors, threshold: 0.99 });
    expect(model.predict('the cat sat on the mat').outOfScope).toBe(true);
    expect(model.withThreshold(0).predict('the cat sat on the mat').outOfScope).toBe(false);
  });

  it('uses word vectors when given, and needs them again to load', async () => {
    const vectors = wordVectorsFromMap('tiny', { card: [1, 0], refund: [0, 1], money: [0.1, 0.9] });
    const model = await trainIntentModel(intentExamples(), { wordVectors: vectors, threshold: 0 });
    expect(model.info.wordVectors).toBe('tiny');
    expect(model.predict('give my money back').label).toBe('refund');
    expect(() => IntentModel.load(model.save())).toThrowError(expect.objectContaining({ code: 'INVALID_OPTION' }));
    expect(IntentModel.load(model.save(), { wordVectors: vectors }).predict('refund please').label).toBe('refund');
  });

  it('reports progress while training', async () => {
    const stages = new Set<string>();
    await trainIntentModel(intentExamples(), { ...noVectors, onProgress: (p) => stages.add(p.stage) });
    expect([...stages]).toEqual(['features', 'calibration', 'training']);
  });
});

describe('bad input', () => {
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as AssistError).code;
    }
    return 'no error';
  };
  const rejection = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      expect(error).toBeInstanceOf(AssistError);
      return (error as AssistError).code;
    }
    return 'no error';
  };

  it('refuses empty and huge texts with clear codes', async () => {
    const model = await trainIntentModel(intentExamples(), noVectors);
    expect(code(() => model.predict(''))).toBe('EMPTY_TEXT');
    expect(code(() => model.predict('   '))).toBe('EMPTY_TEXT');
    expect(code(() => model.predict('x'.repeat(100_000)))).toBe('TEXT_TOO_LONG');
    expect(code(() => model.predict(undefined as unknown as string))).toBe('EMPTY_TEXT');
  });

  it('refuses bad training sets', async () => {
    expect(await rejection(trainIntentModel([], noVectors))).toBe('NOT_ENOUGH_EXAMPLES');
    expect(
      await rejection(
        trainIntentModel(
          [
            { text: 'a', label: 'x' },
            { text: 'b', label: 'x' },
          ],
          noVectors,
        ),
      ),
    ).toBe('NOT_ENOUGH_EXAMPLES');
    expect(
      await rejection(
        trainIntentModel(
          [
            { text: 'hello', label: '' },
            { text: 'b', label: 'y' },
          ],
          noVectors,
        ),
      ),
    ).toBe('UNKNOWN_LABEL');
    expect(
      await rejection(
        trainIntentModel(
          [
            { text: '', label: 'x' },
            { text: 'b', label: 'y' },
          ],
          noVectors,
        ),
      ),
    ).toBe('EMPTY_TEXT');
    expect(await rejection(trainIntentModel(intentExamples(), { ...noVectors, threshold: 2 }))).toBe('INVALID_OPTION');
  });
});

describe('saving and loading', () => {
  it('round-trips a model with identical predictions', async () => {
    const model = await trainIntentModel(intentExamples(true), { ...noVectors, outOfScopeLabel: 'oos' });
    const loaded = IntentModel.load(model.save());
    for (const text of ['where is my card', 'refund me', 'what is the capital of france', 'reset password']) {
      expect(loaded.predict(text)).toEqual(model.predict(text));
    }
    expect(loaded.threshold).toBe(model.threshold);
  });

  it('rejects corrupt saved models with CORRUPT_MODEL', async () => {
    const saved = (await trainIntentModel(intentExamples(), noVectors)).save();
    const corrupt = [
      '',
      'not json at all',
      '{"format":"something-else","version":1,"sha256":"x","body":{}}',
      saved.slice(0, saved.length / 2),
      saved.replace('card', 'cord'),
    ];
    for (const text of corrupt) {
      expect(() => IntentModel.load(text), text.slice(0, 30)).toThrowError(expect.objectContaining({ code: 'CORRUPT_MODEL' }));
    }
  });

  it('rejects models from another format version', async () => {
    const saved = (await trainIntentModel(intentExamples(), noVectors)).save().replace('"version":1', '"version":99');
    expect(() => IntentModel.load(saved)).toThrowError(expect.objectContaining({ code: 'UNSUPPORTED_MODEL_VERSION' }));
  });
});

describe('a tampered saved model', () => {
  it('loads into a working model or fails with an AssistError, never anything else', async () => {
    const { createHash } = await import('node:crypto');
    const saved = (await trainIntentModel(intentExamples(true), { ...noVectors, outOfScopeLabel: 'oos' })).save();
    const bodyAt = saved.indexOf(',"body":') + ',"body":'.length;
    const body = JSON.parse(saved.slice(bodyAt, -1)) as Record<string, unknown>;
    const reseal = (b: unknown) => {
      const json = JSON.stringify(b);
      const sha = createHash('sha256').update(json).digest('hex');
      return `{"format":"switchboard.intent-model","version":1,"sha256":"${sha}","body":${json}}`;
    };
    const tamperings: unknown[] = [];
    for (const key of Object.keys(body)) {
      for (const value of [null, 0, 'x', [], {}, -1, [1, 2, 3]]) tamperings.push({ ...body, [key]: value });
    }
    const featurizer = body.featurizer as Record<string, unknown>;
    const vectorizer = featurizer.vectorizer as Record<string, unknown>;
    for (const options of [null, { wordMaxN: 'a' }, { ...(vectorizer.options as object), charRange: [5, 2] }]) {
      tamperings.push({ ...body, featurizer: { ...featurizer, vectorizer: { ...vectorizer, options } } });
    }
    let loaded = 0;
    for (const tampered of tamperings) {
      try {
        const model = IntentModel.load(reseal(tampered));
        model.predict('where is my card');
        loaded++;
      } catch (error) {
        expect(error, JSON.stringify(tampered).slice(0, 80)).toBeInstanceOf(AssistError);
      }
    }
    // Only edits that keep a valid model load: threshold 0, another out-of-scope label (or none),
    // an example count of 0, another date text.
    expect(loaded).toBe(5);
  });
});
