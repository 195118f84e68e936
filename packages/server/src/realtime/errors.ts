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
  // Purchases come over HTTP only (the widget's track route); mapped for completeness.
  purchase_order_id_invalid: 'bad_frame',
  purchase_value_invalid: 'bad_frame',
  purchase_currency_invalid: 'bad_frame',
  purchase_items_invalid: 'bad_frame',
  purchase_data_invalid: 'bad_frame',
  purchase_signature_required: 'forbidden',
  purchase_signature_invalid: 'forbidden',
};

/** An error while handling one frame: answered on that frame, logged if unexpected, connection kept. */
export function reportFrameError(log: Logger, conn: Connection, err: unknown, ref?: string): void {
  const e = toAppError(err);
  if (e.code === 'server_error') log.error({ err: e.cause ?? err }, 'realtime frame failed');
  conn.error(REASON[e.code], e.message, ref);
}
