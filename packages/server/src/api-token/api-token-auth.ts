/**
 * Authenticates an operator route's request made with an API token
 * (`Authorization: Bearer sb_…`): counts it against the token's rate limit,
 * then checks the route takes tokens and the token has the route's scope.
 * WebSocket connections never take tokens (the gateway knows sessions only).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../context.js';
import { AppError, forbidden, unauthorized } from '../errors.js';
import { authenticate } from '../operator/auth.service.js';
import type { Operator } from '../operator/operator.js';
import { grants, scopeOf, SESSION_ONLY_TAGS, TOKEN_PREFIX } from './api-token.js';
import type { ApiTokenLimit } from './api-token-limit.js';
import { authenticateApiToken } from './api-token.service.js';

interface Route {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  tag: string;
  auth: string;
}

/** Who calls, when the request carries an API token for an operator route; null otherwise (then sessions and visitors apply). */
export async function apiTokenCaller(
  ctx: Context,
  limit: ApiTokenLimit,
  def: Route,
  req: FastifyRequest,
  reply: FastifyReply,
  token: string | undefined,
): Promise<{ operator: Operator; sessionId: string | null } | null> {
  if (!token?.startsWith(TOKEN_PREFIX)) return null;
  if (def.auth !== 'operator' && !(def.auth === 'operator-or-visitor' && req.headers['x-website-key'] === undefined)) return null;
  const caller = await authenticateApiToken(ctx, token);
  if (!caller) {
    // Not a token: a session token may begin with the same three characters.
    try {
      const session = await authenticate(ctx, token);
      return { operator: session.operator, sessionId: session.sessionId };
    } catch {
      throw unauthorized('This API token is not valid');
    }
  }
  limit.take(caller.tokenId, reply);
  if (SESSION_ONLY_TAGS.has(def.tag)) throw forbidden('API tokens cannot call this; sign in as an owner or admin');
  const needed = scopeOf(def);
  if (!grants(caller.scopes, needed)) {
    throw new AppError('insufficient_scope', `This API token lacks the ${needed} scope`, { details: { scope: needed } });
  }
  return { operator: caller.operator, sessionId: null };
}
