/**
 * Writes nobody waits for, on SQLite, off the event loop: a worker thread with
 * its own connection runs each batch of statements in one transaction. The
 * main thread only hands the statements over (one message per batch) and
 * hears when they are committed, so inserting and committing (most of what
 * scoring a visitor message's mood costs) never delays a send, an ack or a
 * frame. SQLite has one writer at a time: a batch holds the write lock for a
 * fraction of a millisecond, and the message writer waits that long at most
 * when they meet (busy_timeout). Plain JavaScript, like the checkpointer's
 * worker, so it starts in milliseconds from the source and from the bundle.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** One statement: its SQL (prepared once in the worker) and its parameters. */
export type SideStatement = readonly [sql: string, params: readonly (string | number | null)[]];

export interface SideWriter {
  /** Runs the statements in one transaction; resolves once committed, rejects (nothing stored) on an error. */
  run(statements: SideStatement[]): Promise<void>;
  stop(): Promise<void>;
}

type Reply = { id: number; error?: string };

export function startSideWriter(file: string): SideWriter {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const code = `
    const { parentPort } = require('node:worker_threads');
    const Database = require(${JSON.stringify(driver)});
    const db = new Database(${JSON.stringify(file)});
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const prepared = new Map();
    const prepare = (sql) => {
      let s = prepared.get(sql);
      if (!s) { s = db.prepare(sql); prepared.set(sql, s); }
      return s;
    };
    const runAll = db.transaction((statements) => { for (const [sql, params] of statements) prepare(sql).run(...params); });
    parentPort.on('message', (m) => {
      if (m === 'stop') { db.close(); parentPort.postMessage('stopped'); return; }
      try {
        runAll(m.statements);
        parentPort.postMessage({ id: m.id });
      } catch (e) {
        parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
      }
    });
  `;
  let worker: Worker | null = null;
  let next = 1;
  const waiting = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  const failAll = (err: Error) => {
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
    worker = null;
  };
  // Started on first use: a node that never writes this way never starts it.
  const ensure = (): Worker => {
    if (worker) return worker;
    const w = new Worker(code, { eval: true });
    w.unref();
    w.on('message', (m: Reply | 'stopped') => {
      if (m === 'stopped') return;
      const p = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error === undefined) p?.resolve();
      else p?.reject(new Error(`side write failed: ${m.error}`));
    });
    w.on('error', (err) => failAll(err));
    w.on('exit', (code) => {
      if (worker === w) failAll(new Error(`the side writer stopped (${code})`));
    });
    worker = w;
    return w;
  };
  return {
    run(statements) {
      if (statements.length === 0) return Promise.resolve();
      const w = ensure();
      const id = next++;
      return new Promise<void>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        w.postMessage({ id, statements });
      });
    },
    stop() {
      const w = worker;
      worker = null;
      if (!w) return Promise.resolve();
      return new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.on('message', (m) => m === 'stopped' && void w.terminate());
        // After what was handed over: messages to a worker are handled in order.
        w.postMessage('stop');
        setTimeout(() => void w.terminate(), 5000).unref();
      });
    },
  };
}
