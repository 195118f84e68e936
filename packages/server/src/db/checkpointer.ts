/**
 * SQLite in WAL mode copies the log back into the database file from time to
 * time (a checkpoint), with an fsync. Done by the writing connection on its
 * own schedule, that stalls the event loop in the middle of live traffic.
 * Here a worker thread with its own connection copies the log every second
 * without blocking writers (PASSIVE). Under steady writes that copy never
 * quite reaches the end of the log, and a log only starts over once a
 * checkpoint has reached its end; so when the worker has caught up with a log
 * that grew past a size, the writing connection finishes the last few frames
 * itself (a short pause), and the next write starts the log over.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';

export interface CheckpointOptions {
  everyMs: number;
  /** Start the log over once it has this many frames (pages); 4,096 of 4 KiB is 16 MiB. */
  restartAfterFrames: number;
}

const DEFAULTS: CheckpointOptions = { everyMs: 1000, restartAfterFrames: 4096 };

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(sqlite: SQLite.Database, file: string, onError: (err: unknown) => void, options: CheckpointOptions = DEFAULTS): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const code = `
    const { parentPort } = require('node:worker_threads');
    const Database = require(${JSON.stringify(driver)});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('busy_timeout = 1000');
    const run = (mode) => {
      try {
        const [r] = db.pragma('wal_checkpoint(' + mode + ')');
        parentPort.postMessage({ log: r.log, checkpointed: r.checkpointed });
      } catch (e) {
        parentPort.postMessage({ error: String(e) });
      }
    };
    const timer = setInterval(() => run('PASSIVE'), ${options.everyMs});
    parentPort.on('message', () => { clearInterval(timer); run('TRUNCATE'); db.close(); parentPort.postMessage('stopped'); });
  `;
  const worker = new Worker(code, { eval: true });
  worker.unref();
  worker.on('error', onError);
  worker.on('message', (m: 'stopped' | { log: number; checkpointed: number } | { error: string }) => {
    if (m === 'stopped') return;
    if ('error' in m) return onError(new Error(`checkpoint failed: ${m.error}`));
    // Caught up with a long log: finish it here, so the next write starts it over.
    if (m.log > options.restartAfterFrames && m.log - m.checkpointed < 512) {
      try {
        sqlite.pragma('wal_checkpoint(PASSIVE)');
      } catch (err) {
        onError(err);
      }
    }
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.on('message', (m) => m === 'stopped' && void worker.terminate());
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate(), 5000).unref();
      }),
  };
}
