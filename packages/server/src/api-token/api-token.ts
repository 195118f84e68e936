/**
 * API tokens: a workspace's keys to the REST API, each with scopes, read or
 * write per resource. A resource is a tag of the API document (conversations,
 * contacts, inboxes, teams, operators…), so every route a signed-in operator
 * calls needs exactly one scope: `<its tag>:read` for GET, `<its tag>:write`
 * for anything else; write implies read.
 *
 * A token acts as the owner or admin who created it, in their workspace, as an
 * admin at most (an owner's token is an admin's), and only within its scopes.
 * If its creator is disabled, deleted or demoted, the token follows them: it
 * stops working or loses the rights they lost.
 */
import { z } from 'zod';
import type { RouteDef } from '../http/route.js';

export const TOKEN_PREFIX = 'sb_';

/** Routes that take a signed-in person, never a token: signing in and out, one's own profile, and the tokens themselves. */
export const SESSION_ONLY_TAGS: ReadonlySet<string> = new Set(['auth', 'api-tokens']);

export type Access = 'read' | 'write';

export const accessOf = (method: RouteDef['method']): Access => (method === 'GET' ? 'read' : 'write');

/** Whether a route can be called with an API token at all. */
export const takesTokens = (r: Pick<RouteDef, 'auth' | 'tag'>): boolean =>
  (r.auth === 'operator' || r.auth === 'operator-or-visitor') && !SESSION_ONLY_TAGS.has(r.tag);

/** The scope a route needs, e.g. `conversations:write` for POST /api/v1/conversations/:id/messages. */
export const scopeOf = (r: Pick<RouteDef, 'method' | 'tag'>): string => `${r.tag}:${accessOf(r.method)}`;

/** The resources tokens can be scoped to: the tags of the routes they can call, sorted. */
export const tokenResources = (routes: Pick<RouteDef, 'auth' | 'tag'>[]): string[] => [...new Set(routes.filter(takesTokens).map((r) => r.tag))].sort();

/** `write` on a resource grants `read` on it too. */
export function grants(scopes: readonly string[], needed: string): boolean {
  if (scopes.includes(needed)) return true;
  const [resource, access] = needed.split(':');
  return access === 'read' && scopes.includes(`${resource}:write`);
}

const scope = z
  .string()
  .regex(/^[a-z][a-z-]*:(read|write)$/, 'Write a scope as <resource>:read or <resource>:write')
  .describe('`<resource>:read` or `<resource>:write` (write implies read); resources are the tags of the API document');

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1, 'Give the token a name').max(100),
  scopes: z.array(scope).min(1, 'Choose at least one scope').max(200),
});

export type CreateApiTokenInput = z.infer<typeof createApiTokenInput>;

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  scopes: z.array(z.string()),
  prefix: z.string().describe('The first characters of the token, to tell it apart'),
  createdAt: z.number(),
  createdById: z.string(),
  lastUsedAt: z.number().nullable().describe('Updated at most once a minute'),
});

export type ApiTokenDto = z.infer<typeof apiTokenSchema>;
