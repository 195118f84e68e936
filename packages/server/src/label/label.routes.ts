import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { eventResultSchema, idParam } from '../http/schemas.js';
import { withHtml } from '../message/message.service.js';
import { conversationLabelsInput, createLabelInput, updateLabelInput } from './label.js';
import { createLabel, deleteLabel, listLabels, updateLabel } from './label.service.js';
import { setConversationLabels } from './set-conversation-labels.js';

export const labelSchema = z.object({ id: z.string(), name: z.string(), color: z.string() });

export const labelRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/labels',
    operationId: 'listLabels',
    summary: 'The workspace’s labels',
    tag: 'labels',
    auth: 'operator',
    response: z.object({ items: z.array(labelSchema) }),
    handler: async ({ operator }) => ({ items: await listLabels(ctx, operator!) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/labels',
    operationId: 'createLabel',
    summary: 'Create a label (admins)',
    tag: 'labels',
    auth: 'operator',
    body: createLabelInput,
    status: 201,
    response: labelSchema,
    handler: async ({ operator, body }) => createLabel(ctx, operator!, body),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/labels/:id',
    operationId: 'updateLabel',
    summary: 'Rename a label or change its colour (admins)',
    tag: 'labels',
    auth: 'operator',
    params: idParam,
    body: updateLabelInput,
    response: labelSchema,
    handler: async ({ operator, params, body }) => updateLabel(ctx, operator!, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/labels/:id',
    operationId: 'deleteLabel',
    summary: 'Delete a label, taking it off every conversation (admins)',
    tag: 'labels',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => deleteLabel(ctx, operator!, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/labels',
    operationId: 'setConversationLabels',
    summary: 'Add and remove labels on a conversation (one system line says which)',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: conversationLabelsInput,
    response: eventResultSchema,
    handler: async ({ operator, params, body }) => {
      const r = await setConversationLabels(ctx, { actor: operator!, conversationId: params.id, add: body.add, remove: body.remove });
      return { ...r, message: r.message && withHtml(r.message) };
    },
  }),
];
