import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { contactSchema, idParam, pageOf } from '../http/schemas.js';
import { contactInput } from './contact.js';
import { getContact, listContacts, updateContact } from './contact.service.js';

export const contactRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/contacts',
    operationId: 'listContacts',
    summary: 'Contacts, most recently updated first',
    tag: 'contacts',
    auth: 'operator',
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(30), cursor: z.string().max(200).optional() }),
    response: pageOf(contactSchema),
    handler: async ({ operator, query }) => listContacts(ctx, operator!, query),
  }),
  route({
    method: 'GET',
    url: '/api/v1/contacts/:id',
    operationId: 'getContact',
    summary: 'One contact',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    response: contactSchema,
    handler: async ({ operator, params }) => getContact(ctx, operator!, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/contacts/:id',
    operationId: 'updateContact',
    summary: 'Change a contact’s name or email',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    body: contactInput,
    response: contactSchema,
    handler: async ({ operator, params, body }) => updateContact(ctx, operator!, params.id, body),
  }),
];
