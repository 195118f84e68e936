import { loadSentenceEncoder, trainEncodedIntentModel } from '@switchboard/assist';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context } from '../context.js';
import { activeModel } from './intent.repository.js';
import { IntentModels } from './intent-models.js';

vi.mock('./intent.repository.js', () => ({ activeModel: vi.fn() }));

const texts = {
  billing: ['I was charged twice', 'Refund the extra payment please', 'My invoice has a wrong fee', 'Change my credit card', 'Why was my card billed?'],
  shipping: ['Where is my parcel?', 'My order has not arrived', 'Delivery to Canada time?', 'Tracking number is broken', 'The courier lost my box'],
};
const examples = Object.entries(texts).flatMap(([label, list]) => list.map((text) => ({ text, label })));

function context(intentEncoder: 'use-lite' | null) {
  const log = { warn: vi.fn(), error: vi.fn() };
  const ctx = { db: {}, config: { intentEncoder }, log, now: () => 0 } as unknown as Context;
  return { ctx, log };
}

let withEncoder: string;
let without: string;

beforeAll(async () => {
  withEncoder = (await trainEncodedIntentModel(examples, { wordVectors: null, threshold: 0 }, await loadSentenceEncoder())).save();
  without = (await trainEncodedIntentModel(examples, { wordVectors: null, threshold: 0 }, null)).save();
});

const row = (model: string) => ({ id: 'm1', version: 1, model }) as never;

describe('the active intent models of a node', () => {
  it('loads a model trained with the sentence encoder with it, and predicts by embedding the text first', async () => {
    vi.mocked(activeModel).mockResolvedValue(row(withEncoder));
    const { ctx, log } = context('use-lite');
    const active = await new IntentModels(ctx).active('w1');
    expect(active?.model.encoder).toBe('use-lite');
    expect((await active!.model.predict('my parcel never came')).label).toBe('shipping');
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('loads a model trained before as before, without the encoder', async () => {
    vi.mocked(activeModel).mockResolvedValue(row(without));
    const active = await new IntentModels(context('use-lite').ctx).active('w1');
    expect(active?.model.encoder).toBeNull();
    expect((await active!.model.predict('I was charged twice')).label).toBe('billing');
  });

  it('with INTENT_ENCODER=off, a model that needs the encoder counts as none, said once in the log', async () => {
    vi.mocked(activeModel).mockResolvedValue(row(withEncoder));
    const { ctx, log } = context(null);
    expect(await new IntentModels(ctx).active('w1')).toBeNull();
    expect(await new IntentModels(ctx).active('w2')).toBeNull();
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn.mock.calls[0]![1]).toMatch(/could not be loaded: intents go on without it/);
  });
});
