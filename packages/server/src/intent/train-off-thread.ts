/**
 * Trains in a worker thread (train-worker.ts), so the node keeps answering
 * while the engine works: from the source (tests, `tsx`) the worker runs the
 * TypeScript file through tsx; from the bundle, `dist/intent-train-worker.js`
 * beside `dist/main.js` (build.mjs). A worker that cannot start at all falls
 * back to training on the main thread, said in the log. The sentence encoder
 * is loaded and run in the worker too; one that cannot be loaded is left out
 * (warned once in the log).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { warnEncoderUnavailable } from './sentence-encoder.js';
import { type Progress, type TrainedModel, trainModel } from './train-model.js';
import type { TrainRequest } from './train-worker.js';
import type { TrainingData } from './training-data.js';

type FromWorker = { type: 'progress'; stage: string; percent: number } | { type: 'done'; result: TrainedModel } | { type: 'error'; message: string };

function spawn(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) return new Worker(new URL('./intent-train-worker.js', here));
  // From the source: tsx's loader registered in the worker first, then the TypeScript worker file.
  const tsx = pathToFileURL(createRequire(here).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const file = new URL('./train-worker.ts', here).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`, { eval: true });
}

class WorkerDidNotStart extends Error {}

function inWorker(request: TrainRequest, progress: Progress): Promise<TrainedModel> {
  const worker = spawn();
  let started = false;
  let chain = Promise.resolve();
  return new Promise<TrainedModel>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      started = true;
      if (m.type === 'progress') chain = chain.then(() => progress(m.stage, m.percent));
      else if (m.type === 'done') chain.then(() => resolve(m.result), reject);
      else reject(new Error(m.message));
    });
    worker.on('error', (err) => reject(started ? err : new WorkerDidNotStart(err.message)));
    worker.on('exit', (code) => reject(started ? new Error(`the training worker stopped (${code})`) : new WorkerDidNotStart(`exit ${code}`)));
    worker.postMessage(request);
  }).finally(() => void worker.terminate());
}

async function train(data: TrainingData, progress: Progress, log: Logger, encoder: string | null): Promise<TrainedModel> {
  try {
    return await inWorker({ data, encoder }, progress);
  } catch (err) {
    if (!(err instanceof WorkerDidNotStart)) throw err;
    log.warn({ err }, 'intent training worker did not start: training on the main thread');
    return trainModel(data, progress, { encoder });
  }
}

/** Trains off the node's thread, with the sentence encoder when one is named (INTENT_ENCODER). */
export async function trainOffThread(data: TrainingData, progress: Progress, log: Logger, encoder: string | null = null): Promise<TrainedModel> {
  const trained = await train(data, progress, log, encoder);
  if (trained.encoderProblem) warnEncoderUnavailable(log, trained.encoderProblem);
  return trained;
}
