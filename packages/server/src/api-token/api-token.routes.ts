import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { apiTokenSchema, createApiTokenInput } from './api-token.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-token.service.js';

/** Settings → API. `resources`: what tokens can be scoped to (the tags of the routes that take tokens). */
export const apiTokenRoutes = (ctx: Context, resources: readonly string[]) => [
  route({
    method: 'GET',
    url: '/api/v1/api-tokens',
    operationId: 'listApiTokens',
    summary: 'The workspace’s API tokens that still work, and the resources a token can be scoped to (owners and admins, signed in)',
    tag: 'api-tokens',
    auth: 'operator',
    response: z.object({ items: z.array(apiTokenSchema), resources: z.array(z.string()) }),
    handler: async ({ operator }) => ({ items: await listApiTokens(ctx, operator!), resources: [...resources] }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/api-tokens',
    operationId: 'createApiToken',
    summary: 'Create an API token; the answer is the only time the token is shown (owners and admins, signed in)',
    tag: 'api-tokens',
    auth: 'operator',
    body: createApiTokenInput,
    status: 201,
    response: z.object({ token: z.string().describe('`sb_…`: send it as `Authorization: Bearer sb_…`; it is never shown again'), apiToken: apiTokenSchema }),
    handler: async ({ operator, body }) => createApiToken(ctx, operator!, body, resources),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/api-tokens/:id',
    operationId: 'revokeApiToken',
    summary: 'Revoke an API token: its next call gets 401 (owners and admins, signed in)',
    tag: 'api-tokens',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => revokeApiToken(ctx, operator!, params.id),
  }),
];
