/**
 * The worker thread that trains an intent model (train-off-thread.ts starts
 * it): the engine's training is long synchronous work that would otherwise
 * hold the node's event loop, messages included, for seconds. One training
 * per worker: data in, progress and the saved model out.
 */
import { parentPort } from 'node:worker_threads';
import { trainModel } from './train-model.js';
import type { TrainingData } from './training-data.js';

/** What train-off-thread.ts posts: the data, and the sentence encoder to load here (in the worker, not on the node's thread). */
export interface TrainRequest {
  data: TrainingData;
  encoder: string | null;
}

parentPort?.once('message', ({ data, encoder }: TrainRequest) => {
  const port = parentPort!;
  trainModel(data, async (stage, percent) => port.postMessage({ type: 'progress', stage, percent }), { encoder }).then(
    (result) => port.postMessage({ type: 'done', result }),
    (err) => port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
  );
});
