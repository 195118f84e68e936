/**
 * The in-process queue between storing a visitor message and scoring it.
 * `add` only pushes (the send and its ack never wait); what arrived within
 * `delayMs` is scored together, in batches one at a time, each a few
 * milliseconds of CPU at most, so realtime fan-out keeps flowing between
 * them. The short wait is batching, not a domain timer (like the summary
 * flush of realtime/rooms.ts): under load it turns hundreds of small scoring
 * transactions a second into a few larger ones, which the message writer's
 * commits barely notice. The queue is
 * bounded: past `max` waiting messages the newest are left unscored (and
 * counted) rather than letting memory grow. A restart loses what was queued:
 * those messages simply stay unscored, the next ones score as usual.
 */
import type { MoodItem } from './mood.js';

/** Messages a transaction, unless told otherwise: under a millisecond of storing on SQLite, a few of scoring. */
export const MOOD_BATCH = 64;

export interface MoodQueueOptions {
  /** Scores and stores one batch; errors are reported and the queue goes on. */
  run: (items: MoodItem[]) => Promise<unknown>;
  onError: (err: unknown) => void;
  /** At most this many messages a transaction (MOOD_BATCH; sends and acks pass between batches). */
  batch?: number;
  max?: number;
  /** How long the first message of a batch waits for others (ms). */
  delayMs?: number;
}

export class MoodQueue {
  private items: MoodItem[] = [];
  private running: Promise<void> | null = null;
  private closed = false;
  /** Messages left unscored because the queue was full. */
  dropped = 0;
  private readonly batch: number;
  private readonly max: number;
  private readonly delayMs: number;
  private wake: (() => void) | null = null;

  constructor(private readonly options: MoodQueueOptions) {
    this.batch = options.batch ?? MOOD_BATCH;
    this.max = options.max ?? 20_000;
    this.delayMs = options.delayMs ?? 100;
  }

  get waiting(): number {
    return this.items.length;
  }

  add(item: MoodItem): void {
    if (this.closed) return;
    if (this.items.length >= this.max) {
      this.dropped++;
      return;
    }
    this.items.push(item);
    this.running ??= this.gather().then(() => this.drain());
  }

  /** Resolves once everything queued so far is scored, without waiting out the delay (tests; a graceful close). */
  async idle(): Promise<void> {
    while (this.running) {
      this.wake?.();
      await this.running;
    }
  }

  private gather(): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = this.delayMs > 0 ? setTimeout(() => this.wake?.(), this.delayMs) : null;
      timer?.unref();
      this.wake = () => {
        this.wake = null;
        if (timer) clearTimeout(timer);
        setImmediate(resolve);
      };
      if (!timer) this.wake();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private async drain(): Promise<void> {
    try {
      while (this.items.length > 0) {
        const batch = this.items.splice(0, this.batch);
        await this.options.run(batch).catch(this.options.onError);
        // A turn of the event loop between batches: sends, acks and frames go first.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } finally {
      this.running = null;
    }
  }
}
