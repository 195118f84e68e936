/**
 * Rate limits per API token, with the `RateLimit` and `RateLimit-Policy`
 * fields of draft-ietf-httpapi-ratelimit-headers (structured fields):
 *
 *   RateLimit-Policy: "token";q=120;w=60
 *   RateLimit: "token";r=119;t=1
 *
 * `q` calls per `w` = 60 seconds; `r` calls left now; `t` seconds until the
 * token's allowance is whole again. Each token has a bucket of `q` calls
 * refilled evenly over the minute, so bursts up to `q` pass and then one call
 * every 60/q seconds. Counted in memory on each node: behind a load balancer
 * of n nodes a token gets up to n times the limit.
 */
import type { FastifyReply } from 'fastify';
import { AppError } from '../errors.js';
import { TokenBucket } from '../realtime/rate-limit.js';

const WINDOW_SECONDS = 60;
/** Bounds memory: past this many tokens seen, buckets start over (at worst a token gets a fresh allowance). */
const MAX_BUCKETS = 10_000;

export class ApiTokenLimit {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly perSecond: number;

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number,
  ) {
    this.perSecond = perMinute / WINDOW_SECONDS;
  }

  /** Counts one call of the token, says so in the answer's headers, and refuses it with `rate_limited` (429, Retry-After) past the limit. */
  take(tokenId: string, reply: FastifyReply): void {
    const now = this.now();
    let bucket = this.buckets.get(tokenId);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.buckets.clear();
      bucket = new TokenBucket(this.perMinute, this.perSecond, now);
      this.buckets.set(tokenId, bucket);
    }
    const allowed = bucket.take(now);
    const remaining = bucket.available(now);
    const reset = Math.ceil((this.perMinute - remaining) / this.perSecond);
    void reply.header('ratelimit-policy', `"token";q=${this.perMinute};w=${WINDOW_SECONDS}`);
    void reply.header('ratelimit', `"token";r=${remaining};t=${reset}`);
    if (allowed) return;
    const retryAfter = Math.max(1, Math.ceil(bucket.retryAfterMs() / 1000));
    void reply.header('retry-after', String(retryAfter));
    throw new AppError('rate_limited', `This API token made too many calls; try again in ${retryAfter} s`, { details: { retryAfter } });
  }
}
