/**
 * The one error module. Every expected failure is an AppError with a stable
 * code and an HTTP status; transports turn it into `{ error: { code, message } }`
 * (HTTP) or an `error` frame (WebSocket). Unexpected errors become `server_error`
 * and keep their cause for the log.
 */
export const ERROR_CODES = {
  /** The thing was merged into another: the answer is a redirect (308, `Location`) to the same route on the survivor. */
  moved: 308,
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  /** An API token without the scope the route needs (`details.scope` names it). */
  insufficient_scope: 403,
  /** The inbox requires visitors the website vouches for (identity hash). */
  identity_required: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  server_error: 500,
  unavailable: 503,
  /** A rich message names a product that is not in the workspace's catalogue (`details.productIds`). */
  product_not_found: 422,
  /** Purchases (sales/): each refusal of a reported purchase, by the field at fault. */
  purchase_order_id_invalid: 400,
  purchase_value_invalid: 400,
  purchase_currency_invalid: 400,
  purchase_items_invalid: 400,
  purchase_data_invalid: 400,
  /** The inbox requires signed purchases: no `hmac` was given. */
  purchase_signature_required: 403,
  /** The `hmac` is not the HMAC-SHA256 of the order id under the inbox's identity secret. */
  purchase_signature_invalid: 403,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = ERROR_CODES[code];
    this.details = options?.details;
  }
  readonly details: unknown;
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You are not allowed to do this') => new AppError('forbidden', message);
export const unauthorized = (message = 'Sign in first') => new AppError('unauthorized', message);
export const badRequest = (message: string) => new AppError('bad_request', message);
export const conflict = (message: string) => new AppError('conflict', message);
/** `from` was merged into `to`: HTTP answers 308 with the same route on `to` as `Location`. */
export const moved = (what: string, from: string, to: string) =>
  new AppError('moved', `This ${what} was merged into another`, { details: { from, mergedInto: to } });

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  return new AppError('server_error', 'Something went wrong on our side', { cause: err });
}

export function errorBody(err: AppError): { error: { code: ErrorCode; message: string; details?: unknown } } {
  return { error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } };
}
