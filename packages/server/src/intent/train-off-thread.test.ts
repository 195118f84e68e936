import type { Logger } from 'pino';
import { expect, it, vi } from 'vitest';
import { loadEncodedIntentModel, loadPackagedWordVectors, loadSentenceEncoder, savedSentenceEncoder } from '@switchboard/assist';
import { warnEncoderUnavailable } from './sentence-encoder.js';
import { trainModel } from './train-model.js';
import { trainOffThread } from './train-off-thread.js';

const texts = {
  billing: ['I was charged twice', 'Refund the extra payment please', 'My invoice has a wrong fee', 'Change my credit card', 'Why was my card billed?'],
  shipping: ['Where is my parcel?', 'My order has not arrived', 'Delivery to Canada time?', 'Tracking number is broken', 'The courier lost my box'],
};

it('trains in a worker thread: the event loop keeps turning meanwhile, and progress arrives in order', async () => {
  const examples = Object.entries(texts).flatMap(([label, list]) => list.map((text) => ({ text, label })));
  const log = { warn: vi.fn() } as unknown as Logger;
  const stages: number[] = [];
  let last = Date.now();
  let longest = 0;
  const timer = setInterval(() => {
    longest = Math.max(longest, Date.now() - last);
    last = Date.now();
  }, 10);
  const started = Date.now();
  const trained = await trainOffThread({ examples, labels: [], skipped: [] }, async (_stage, percent) => void stages.push(percent), log);
  clearInterval(timer);
  expect(log.warn).not.toHaveBeenCalled();
  expect(stages).toEqual([15, 55, 95]);
  expect(trained.exampleCount).toBe(10);
  expect(trained.saved).toMatch(/^\{"format":"switchboard.intent-model"/);
  // Training takes seconds (the word vectors alone); the main thread never stalled for long.
  expect(Date.now() - started).toBeGreaterThan(500);
  expect(longest).toBeLessThan(250);
}, 60_000);

it('loads and runs the sentence encoder in the worker: the saved model records it and predicts with it', async () => {
  const examples = Object.entries(texts).flatMap(([label, list]) => list.map((text) => ({ text, label })));
  const log = { warn: vi.fn() } as unknown as Logger;
  const stages: number[] = [];
  const trained = await trainOffThread({ examples, labels: [], skipped: [] }, async (_stage, percent) => void stages.push(percent), log, 'use-lite');
  expect(log.warn).not.toHaveBeenCalled();
  expect(stages).toEqual([10, 15, 55, 95]);
  expect(trained.encoder).toBe('use-lite');
  expect(savedSentenceEncoder(trained.saved)).toBe('use-lite');
  const model = await loadEncodedIntentModel(trained.saved, { wordVectors: await loadPackagedWordVectors(), encoder: loadSentenceEncoder });
  expect((await model.predict('My parcel never came')).ranked[0]?.label).toBe('shipping');
}, 60_000);

it('leaves out an encoder it cannot load, and says so once in the log', async () => {
  const examples = Object.entries(texts).flatMap(([label, list]) => list.map((text) => ({ text, label })));
  const log = { warn: vi.fn() } as unknown as Logger;
  const trained = await trainModel({ examples, labels: [], skipped: [] }, async () => {}, { encoder: 'no-such-encoder' });
  expect(trained.encoder).toBeNull();
  expect(trained.encoderProblem).toMatch(/unknown sentence encoder "no-such-encoder"/);
  expect(savedSentenceEncoder(trained.saved)).toBeNull();
  warnEncoderUnavailable(log, trained.encoderProblem!);
  warnEncoderUnavailable(log, trained.encoderProblem!);
  expect(log.warn).toHaveBeenCalledTimes(1);
}, 60_000);
