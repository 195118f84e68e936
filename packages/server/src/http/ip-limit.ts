import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { TokenBucket } from '../realtime/rate-limit.js';

/** Token buckets per address: `take(address)` says whether one more is allowed now. */
export function addressLimiter(capacity: number, perSecond: number) {
  const buckets = new Map<string, TokenBucket>();
  // Idle buckets are full again after a while; forgetting them all now and then bounds memory.
  const sweep = setInterval(() => buckets.clear(), 10 * 60_000);
  sweep.unref();
  return {
    take(address: string): boolean {
      let b = buckets.get(address);
      if (!b) {
        b = new TokenBucket(capacity, perSecond);
        buckets.set(address, b);
      }
      return b.take();
    },
    retryAfterMs: (address: string) => buckets.get(address)?.retryAfterMs() ?? 0,
  };
}

/** For HTTP routes worth guarding (sign-in, new visitors): refuses with `rate_limited`. */
export function ipLimiter(capacity: number, perSecond: number) {
  const limiter = addressLimiter(capacity, perSecond);
  return (req: FastifyRequest) => {
    if (!limiter.take(req.ip)) {
      const retryAfter = Math.max(1, Math.ceil(limiter.retryAfterMs(req.ip) / 1000));
      throw new AppError('rate_limited', `Too many attempts; try again in ${retryAfter} s`, { details: { retryAfter } });
    }
  };
}

/** The client's address on a raw request (WebSocket upgrades), trusting X-Forwarded-For only behind a proxy. */
export function addressOf(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = req.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') return forwarded.split(',')[0]?.trim() || 'unknown';
  return req.socket.remoteAddress ?? 'unknown';
}
