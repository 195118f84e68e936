/**
 * SQLite in WAL mode copies the log back into the database file from time to
 * time (a checkpoint), with an fsync. Done by the writing connection, that
 * stalls the event loop for milliseconds in the middle of live traffic. Here
 * a worker thread with its own connection does it instead, every second,
 * without blocking writers (PASSIVE); the main connection never checkpoints.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const EVERY_MS = 1000;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string, onError: (err: unknown) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const code = `
    const { parentPort } = require('node:worker_threads');
    const Database = require(${JSON.stringify(driver)});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('busy_timeout = 1000');
    const run = (mode) => { try { db.pragma('wal_checkpoint(' + mode + ')'); } catch (e) { parentPort.postMessage(String(e)); } };
    const timer = setInterval(() => run('PASSIVE'), ${EVERY_MS});
    parentPort.on('message', () => { clearInterval(timer); run('TRUNCATE'); db.close(); parentPort.postMessage('stopped'); });
  `;
  const worker = new Worker(code, { eval: true });
  worker.unref();
  worker.on('error', onError);
  worker.on('message', (m) => m !== 'stopped' && onError(new Error(`checkpoint failed: ${m}`)));
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        const done = () => resolve();
        worker.once('exit', done);
        worker.on('message', (m) => m === 'stopped' && void worker.terminate());
        worker.postMessage('stop');
        setTimeout(() => void worker.terminate(), 5000).unref();
      }),
  };
}
