/**
 * The one clock. Everything that asks what time it is, or waits, asks this:
 * the system clock in production, a manual clock in tests, which move time
 * forward instead of sleeping (`advance`) and see exactly the timers that
 * fall due run, in time order.
 */
export interface Timer {
  /** Keeps the process from exiting while the timer waits (off by default). */
  ref(): void;
}

export interface Clock {
  now(): number;
  /** Runs `fn` once, `ms` from now. */
  setTimeout(fn: () => void, ms: number): Timer;
  clearTimeout(timer: Timer | undefined): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, Math.max(0, ms));
    t.unref();
    return t;
  },
  clearTimeout(timer) {
    if (timer) clearTimeout(timer as unknown as NodeJS.Timeout);
  },
};

/** The system clock, `offsetMs` ahead: a server started "later" in a test (SWITCHBOARD_TEST_CLOCK_OFFSET_MS). */
export function offsetClock(offsetMs: number): Clock {
  return { ...systemClock, now: () => Date.now() + offsetMs };
}

interface Pending {
  at: number;
  order: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when told: for tests. */
export class ManualClock implements Clock {
  private time: number;
  private order = 0;
  private readonly pending = new Set<Pending>();

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  setTimeout(fn: () => void, ms: number): Timer {
    const p: Pending = { at: this.time + Math.max(0, ms), order: this.order++, fn, cancelled: false };
    this.pending.add(p);
    return Object.assign(p, { ref() {} });
  }

  clearTimeout(timer: Timer | undefined): void {
    const p = timer as unknown as Pending | undefined;
    if (!p) return;
    p.cancelled = true;
    this.pending.delete(p);
  }

  /**
   * Moves time forward by `ms`, running every timer that falls due on the way,
   * each at its own time, and letting the promise jobs each one starts settle
   * before the next (so a timer that schedules another inside the window sees it run too).
   */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      const next = [...this.pending].filter((p) => p.at <= until).sort((a, b) => a.at - b.at || a.order - b.order)[0];
      if (!next) break;
      this.pending.delete(next);
      this.time = Math.max(this.time, next.at);
      next.fn();
      await settle();
    }
    this.time = until;
    await settle();
  }

  /** Sets the time without running timers (a clock jump, or a fixed start). */
  set(time: number): void {
    this.time = time;
  }
}

/** Lets pending promise jobs and I/O callbacks of the current turn run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}
