import type { Logger } from 'pino';
import type { RefusalReason } from '@switchboard/protocol';
import { type ErrorCode, toAppError } from '../errors.js';
import type { Connection } from './connection.js';

const REASON: Record<ErrorCode, RefusalReason> = {
  moved: 'not_found',
  bad_request: 'bad_frame',
  validation_failed: 'bad_frame',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  // Never on a socket (tokens are for HTTP only); mapped for completeness.
  insufficient_scope: 'forbidden',
  identity_required: 'identity_required',
  not_found: 'not_found',
  conflict: 'conflict',
  too_large: 'too_large',
  unsupported_media_type: 'bad_frame',
  rate_limited: 'rate_limited',
  server_error: 'server_error',
  unavailable: 'shutting_down',
  product_not_found: 'not_found',
};

/** An error while handling one frame: answered on that frame, logged if unexpected, connection kept. */
export function reportFrameError(log: Logger, conn: Connection, err: unknown, ref?: string): void {
  const e = toAppError(err);
  if (e.code === 'server_error') log.error({ err: e.cause ?? err }, 'realtime frame failed');
  conn.error(REASON[e.code], e.message, ref);
}
