/**
 * How fast files may be uploaded: a few at once per visitor or operator, then
 * one every five seconds; three times as many per address (several people
 * behind one office network). Counted per node, like the sign-in limit.
 */
import type { FastifyRequest } from 'fastify';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { addressLimiter } from '../http/ip-limit.js';

export interface UploadLimits {
  /** Before the body is read: refuses a flood from one address. */
  address(req: FastifyRequest): void;
  /** Once the uploader is known. */
  uploader(id: string): void;
}

export function uploadLimits(ctx: Context): UploadLimits {
  const burst = ctx.config.uploadRateLimit;
  const byUploader = addressLimiter(burst, 0.2);
  const byAddress = addressLimiter(burst * 3, 0.6);
  const refuse = (ms: number) => {
    const retryAfter = Math.max(1, Math.ceil(ms / 1000));
    return new AppError('rate_limited', `Too many files in a row; try again in ${retryAfter} s`, { details: { retryAfter } });
  };
  return {
    address(req) {
      if (!byAddress.take(req.ip)) throw refuse(byAddress.retryAfterMs(req.ip));
    },
    uploader(id) {
      if (!byUploader.take(id)) throw refuse(byUploader.retryAfterMs(id));
    },
  };
}
