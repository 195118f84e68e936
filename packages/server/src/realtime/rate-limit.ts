/** A token bucket: `capacity` frames at once, refilled at `perSecond`. No timers: refilled on use. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now = Date.now(),
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  take(now = Date.now()): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Whole tokens left now (refilled up to `now` without taking one). */
  available(now = Date.now()): number {
    return Math.floor(Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond));
  }

  /** Milliseconds until one token is available. */
  retryAfterMs(): number {
    return Math.ceil(((1 - this.tokens) / this.perSecond) * 1000);
  }
}
