import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { createAttributeInput, reorderAttributesInput, updateAttributeInput } from './contact-attribute.js';
import { createAttribute, deleteAttribute, listAttributes, reorderAttributes, updateAttribute } from './contact-attribute.service.js';
import { attributeSchema } from './contact.schemas.js';

export const contactAttributeRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/contact-attributes',
    operationId: 'listContactAttributes',
    summary: 'The workspace’s custom contact attributes, in their order',
    tag: 'contacts',
    auth: 'operator',
    response: z.object({ items: z.array(attributeSchema) }),
    handler: async ({ operator }) => ({ items: await listAttributes(ctx, operator!) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/contact-attributes',
    operationId: 'createContactAttribute',
    summary: 'Define a custom contact attribute: a key (immutable), a label, a type (text, number, date, list, boolean, link) (admins)',
    tag: 'contacts',
    auth: 'operator',
    body: createAttributeInput,
    status: 201,
    response: attributeSchema,
    handler: async ({ operator, body }) => createAttribute(ctx, operator!, body),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/contact-attributes/:id',
    operationId: 'updateContactAttribute',
    summary: 'Rename an attribute or change a list’s choices (the key and type stay) (admins)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    body: updateAttributeInput,
    response: attributeSchema,
    handler: async ({ operator, params, body }) => updateAttribute(ctx, operator!, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/contact-attributes/:id',
    operationId: 'deleteContactAttribute',
    summary: 'Delete an attribute: its values are no longer shown (admins)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => deleteAttribute(ctx, operator!, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/v1/contact-attributes/order',
    operationId: 'reorderContactAttributes',
    summary: 'Put the attributes in a new order: every one, once (admins)',
    tag: 'contacts',
    auth: 'operator',
    body: reorderAttributesInput,
    response: z.object({ items: z.array(attributeSchema) }),
    handler: async ({ operator, body }) => ({ items: await reorderAttributes(ctx, operator!, body.ids) }),
  }),
];
