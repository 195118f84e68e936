import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { TokenBucket } from '../realtime/rate-limit.js';

/** Per-address token buckets for endpoints worth guarding (sign-in, new visitors). */
export function ipLimiter(capacity: number, perSecond: number) {
  const buckets = new Map<string, TokenBucket>();
  const sweep = setInterval(() => buckets.clear(), 10 * 60_000);
  sweep.unref();
  return (req: FastifyRequest) => {
    let b = buckets.get(req.ip);
    if (!b) buckets.set(req.ip, (b = new TokenBucket(capacity, perSecond)));
    if (!b.take()) throw new AppError('rate_limited', `Too many attempts; try again in ${Math.ceil(b.retryAfterMs() / 1000)} s`);
  };
}
