import type { FastifyError, FastifyInstance } from 'fastify';
import { AppError, errorBody, toAppError } from '../errors.js';

/** Fastify's own failures (bad JSON, wrong content type, too large) mapped to our stable codes. */
function fromFastify(err: FastifyError): AppError | null {
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send JSON (application/json)');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('bad_request', 'The JSON body is empty');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('bad_request', 'The body is not valid JSON');
  }
  if (err instanceof SyntaxError) return new AppError('bad_request', 'The body is not valid JSON');
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return new AppError('bad_request', err.message);
  return null;
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const e = err instanceof AppError ? err : (fromFastify(err as FastifyError) ?? toAppError(err));
    if (e.code === 'server_error') req.log.error({ err }, 'request failed');
    if (e.code === 'moved') {
      const { from, mergedInto } = e.details as { from: string; mergedInto: string };
      void reply.header('location', req.url.replace(`/${from}`, `/${mergedInto}`));
    }
    // Every 429 says when to come back (`details.retryAfter` in seconds when the limiter knows).
    if (e.code === 'rate_limited' && !reply.hasHeader('retry-after')) {
      void reply.header('retry-after', String((e.details as { retryAfter?: number } | undefined)?.retryAfter ?? 1));
    }
    void reply.code(e.status).send(errorBody(e));
  });
  app.setNotFoundHandler((req, reply) => {
    void reply.code(404).send(errorBody(new AppError('not_found', `No route ${req.method} ${req.url.split('?')[0]}`)));
  });
}
