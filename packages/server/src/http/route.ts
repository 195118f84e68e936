/**
 * Routes are values: method, path, input schemas, auth and a handler. The same
 * zod schemas validate requests and generate the OpenAPI document, so the two
 * cannot drift. Handlers stay thin: they call one service and return its result.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { apiTokenCaller } from '../api-token/api-token-auth.js';
import { ApiTokenLimit } from '../api-token/api-token-limit.js';
import { authenticate } from '../operator/auth.service.js';
import type { Operator } from '../operator/operator.js';
import type { Visitor } from '../visitor/visitor.js';
import { authenticateVisitor } from '../visitor/visitor.service.js';
import { readCookie, SESSION_COOKIE } from './cookies.js';
import { type FieldProblem, humanError, summary } from './validation-messages.js';

export type Auth = 'none' | 'operator' | 'visitor' | 'operator-or-visitor';

type Schema = z.ZodType;
type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  operator: Operator | null;
  visitor: Visitor | null;
  sessionId: string | null;
  req: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteDef<
  PS extends Schema | undefined = Schema | undefined,
  QS extends Schema | undefined = Schema | undefined,
  BS extends Schema | undefined = Schema | undefined,
> {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  /** Stable camelCase name of the operation in the API document (clients generate code from it). */
  operationId: string;
  summary: string;
  tag: string;
  auth: Auth;
  params?: PS;
  query?: QS;
  body?: BS;
  /** Documents the success answer; tests check real answers against it. */
  response?: Schema;
  status?: number;
  /** Multipart uploads are parsed by the handler, not by a body schema. */
  multipart?: boolean;
  /** The body is read whole, as bytes of this type (a content-type parser for it is registered in app.ts); the handler reads `req.body`. */
  raw?: string;
  /** Authenticated by the handler with a bearer secret of this security scheme (auth 'none' for the route hooks). */
  secret?: 'relaySecret';
  /** The answer is a file of this type (a GET without a response schema; `application/octet-stream` when unset). */
  produces?: string;
  /** The thing in the path may have been merged into another: then 308 to the same route on the survivor. */
  redirects?: boolean;
  /** Runs first, before any parsing: rate limits that must count malformed attempts too. */
  limit?: (req: FastifyRequest) => void;
  handler: (input: RouteInput<Out<PS>, Out<QS>, Out<BS>>) => Promise<unknown>;
}

export function route<PS extends Schema | undefined = undefined, QS extends Schema | undefined = undefined, BS extends Schema | undefined = undefined>(
  def: RouteDef<PS, QS, BS>,
): RouteDef {
  return def as unknown as RouteDef;
}

/** Parses one part of the request; a refusal names each field at fault (`details`) in words. */
function parse(schema: Schema | undefined, value: unknown, where: FieldProblem['in']): unknown {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? (where === 'body' ? undefined : {}), { error: humanError });
  if (r.success) return r.data;
  const details: FieldProblem[] = r.error.issues.map((i) => ({ in: where, path: i.path.map(String).join('.'), message: i.message }));
  throw new AppError('validation_failed', summary(details), { details });
}

export function bearer(req: FastifyRequest): string | undefined {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : undefined;
}

async function authOf(ctx: Context, auth: Auth, req: FastifyRequest) {
  const none = { operator: null, visitor: null, sessionId: null };
  if (auth === 'none') return none;
  const websiteKey = typeof req.headers['x-website-key'] === 'string' ? req.headers['x-website-key'] : undefined;
  if (auth === 'visitor' || (auth === 'operator-or-visitor' && websiteKey)) {
    return { ...none, visitor: await authenticateVisitor(ctx, websiteKey, bearer(req)) };
  }
  const { operator, sessionId } = await authenticate(ctx, bearer(req) ?? readCookie(req.headers.cookie, SESSION_COOKIE));
  return { ...none, operator, sessionId };
}

export function registerRoutes(app: FastifyInstance, ctx: Context, defs: RouteDef[]): void {
  const tokenLimit = new ApiTokenLimit(ctx.config.apiTokenRateLimit, ctx.now);
  for (const def of defs) {
    app.route({
      method: def.method,
      url: def.url,
      handler: async (req, reply) => {
        def.limit?.(req);
        // An API token is checked first, so that every call it makes counts and carries the rate limit headers.
        const viaToken = await apiTokenCaller(ctx, tokenLimit, def, req, reply, bearer(req));
        const params = parse(def.params, req.params, 'params');
        const query = parse(def.query, req.query, 'query');
        const body = def.multipart ? undefined : parse(def.body, req.body, 'body');
        const who = viaToken ? { operator: viaToken.operator, visitor: null, sessionId: viaToken.sessionId } : await authOf(ctx, def.auth, req);
        const result = await def.handler({ params, query, body, ...who, req, reply } as RouteInput<never, never, never>);
        // A handler that sent the answer itself (a file, a stream) returns the reply.
        if (reply.sent || result === reply) return reply;
        if (result === undefined) return reply.code(204).send();
        return reply.code(def.status ?? 200).send(result);
      },
    });
  }
}
