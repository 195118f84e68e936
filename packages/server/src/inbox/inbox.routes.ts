import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam, inboxSchema } from '../http/schemas.js';
import { createInboxInput, updateInboxInput } from './inbox.js';
import { createInboxAs, getInbox, listInboxes, updateInbox } from './inbox.service.js';

export const inboxRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/inboxes',
    operationId: 'listInboxes',
    summary: 'Inboxes of the workspace: website inboxes and email inboxes (kind)',
    tag: 'inboxes',
    auth: 'operator',
    response: z.object({ items: z.array(inboxSchema) }),
    handler: async ({ operator }) => ({ items: await listInboxes(ctx, operator!) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/inboxes',
    operationId: 'createInbox',
    summary: 'Create a website inbox; the answer has its website key for the widget tag',
    tag: 'inboxes',
    auth: 'operator',
    body: createInboxInput,
    status: 201,
    response: inboxSchema,
    handler: async ({ operator, body }) => createInboxAs(ctx, operator!, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/inboxes/:id',
    operationId: 'getInbox',
    summary: 'One inbox',
    tag: 'inboxes',
    auth: 'operator',
    params: idParam,
    response: inboxSchema,
    handler: async ({ operator, params }) => getInbox(ctx, operator!, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/inboxes/:id',
    operationId: 'updateInbox',
    summary: 'Rename an inbox or change its widget settings (greeting, colour, allowed origins)',
    tag: 'inboxes',
    auth: 'operator',
    params: idParam,
    body: updateInboxInput,
    response: inboxSchema,
    handler: async ({ operator, params, body }) => updateInbox(ctx, operator!, params.id, body),
  }),
];
