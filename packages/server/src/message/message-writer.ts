/**
 * Group commit for messages. Sends that arrive in the same turn of the event
 * loop are stored in one transaction, and each sender is acknowledged only
 * after that transaction commits. On SQLite this turns thousands of tiny
 * transactions into a few large ones; on PostgreSQL it saves round trips.
 * One failing send never takes the others down: expected errors are answered
 * on their own, and an unexpected batch failure is retried send by send.
 */
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../events/events.js';
import type { Dialect, Outcome, SendMessageProps, SendResult } from './message.js';
import { announceStored } from './message.events.js';
import { storeMessage } from './send-message.js';
import type { SqliteFastPath } from './sqlite-fast-path.js';
import { storeBatch, storeRest } from './store-batch.js';

interface Item {
  props: SendMessageProps;
  resolve: (r: SendResult) => void;
  reject: (e: unknown) => void;
}

const MAX_BATCH = 512;

export class MessageWriter {
  private queue: Item[] = [];
  private scheduled = false;
  private running: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(
    private readonly db: Db,
    private readonly dialect: Dialect,
    /** Each stored message is announced here after commit, in commit order. */
    private readonly events: EventBus,
    /** On SQLite: the synchronous write path for conversation groups. */
    private readonly fast?: SqliteFastPath,
  ) {}

  write(props: SendMessageProps): Promise<SendResult> {
    if (this.closed) return Promise.reject(new AppError('unavailable', 'The server is shutting down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ props, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          this.scheduled = false;
          this.running = this.running.then(() => this.drain());
        });
      }
    });
  }

  /** Waits for everything queued to be stored; refuses new writes. */
  async close(): Promise<void> {
    this.closed = true;
    await this.running;
    await this.drain();
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      // A stable order of conversations keeps concurrent PostgreSQL batches from deadlocking
      // (the sort is stable, so each conversation keeps its arrival order).
      batch.sort((a, b) => (a.props.conversationId ?? '').localeCompare(b.props.conversationId ?? ''));
      const outcomes = await this.runBatch(batch).catch(() => this.runOneByOne(batch));
      for (const [i, o] of outcomes.entries()) {
        const item = batch[i] as Item;
        if (!o.ok) {
          item.reject(o.error);
          continue;
        }
        try {
          item.resolve(announceStored(this.events, o.value));
        } catch (err) {
          item.reject(err);
        }
      }
    }
  }

  private async runBatch(batch: Item[]): Promise<Outcome[]> {
    const items = batch.map((b) => b.props);
    const fast = this.fast;
    if (!fast) return this.db.transaction().execute((trx) => storeBatch(trx, this.dialect, items));
    const out: Outcome[] = new Array(items.length);
    // Synchronous, so nothing else runs meanwhile; only a transaction of the asynchronous
    // path may be open between its statements, and then the connection is waited for.
    if (fast.free) fast.run(items, out);
    else await this.db.connection().execute(async () => fast.run(items, out));
    let rest = false;
    for (let i = 0; i < items.length; i++) if (!out[i]) rest = true;
    if (rest) await this.db.transaction().execute((trx) => storeRest(trx, this.dialect, items, out));
    return out;
  }

  private async runOneByOne(batch: Item[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const item of batch) {
      try {
        const value = await this.db.transaction().execute((trx) => storeMessage(trx, this.dialect, item.props));
        outcomes.push({ ok: true, value });
      } catch (error) {
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  }
}
