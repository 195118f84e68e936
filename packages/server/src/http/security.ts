/**
 * Protections every HTTP answer and every state change gets, before any route:
 * - `X-Content-Type-Options: nosniff` on every response, so nothing the API
 *   answers is ever read as another type;
 * - a state change (POST, PUT, PATCH, DELETE) authenticated by the session
 *   cookie must come from the console's own origin and carry the
 *   `X-Switchboard-Request` header. Browsers send that header cross-site only
 *   after a CORS preflight, which is never granted, so a page elsewhere (a
 *   sibling site too, for which SameSite=Lax cookies are sent) cannot post
 *   forms or uploads with an operator's cookie. Requests with a bearer token
 *   are not affected: a token is never sent by the browser on its own.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../config.js';
import { AppError, errorBody } from '../errors.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import type { RouteDef } from './route.js';

export const REQUEST_HEADER = 'x-switchboard-request';

const CHANGES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origin the console is served from: PUBLIC_URL's, or the address the request was made to. */
export function ownOrigin(config: Pick<Config, 'publicUrl'>, req: Pick<FastifyRequest, 'protocol' | 'host'>): string {
  if (config.publicUrl) return new URL(config.publicUrl).origin;
  return `${req.protocol}://${req.host}`.toLowerCase();
}

function refusal(req: FastifyRequest, config: Readonly<Config>, signedIn: Set<string>): AppError | null {
  if (!CHANGES.has(req.method) || !signedIn.has(`${req.method} ${req.routeOptions.url}`)) return null;
  if (req.headers.authorization) return null;
  if (!readCookie(req.headers.cookie, SESSION_COOKIE)) return null;
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== ownOrigin(config, req)) {
    return new AppError('forbidden', 'Requests signed in with the console’s cookie must come from the console');
  }
  if (req.headers[REQUEST_HEADER] === undefined) {
    return new AppError('forbidden', `Add the ${REQUEST_HEADER} header to requests signed in with the session cookie`);
  }
  return null;
}

/**
 * `routes` are the API's routes: only those an operator signs into can be
 * forged with the cookie (a visitor's requests carry their token, and the
 * widget may run on the console's origin, with the operator's cookie, for a
 * visitor who is not them).
 */
export function installSecurityHooks(app: FastifyInstance, config: Readonly<Config>, routes: Pick<RouteDef, 'method' | 'url' | 'auth'>[]): void {
  const signedIn = new Set(routes.filter((r) => r.auth === 'operator' || r.auth === 'operator-or-visitor').map((r) => `${r.method} ${r.url}`));
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    return payload;
  });
  app.addHook('onRequest', async (req, reply) => {
    const e = refusal(req, config, signedIn);
    if (e) return reply.code(e.status).send(errorBody(e));
  });
}
