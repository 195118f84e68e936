import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { conversationSchema, idParam, pageOf } from '../http/schemas.js';
import {
  contactFilters,
  contactLabelsInput,
  createContactInput,
  listContactsQuery,
  mergeContactInput,
  noteInput,
  pageQuery,
  updateContactInput,
} from './contact.js';
import { setContactLabels } from './contact-labels.js';
import { addContactNote, contactNoteWithHtml, listContactNotes } from './contact-notes.js';
import { contactDetailSchema, contactNoteSchema } from './contact.schemas.js';
import { contactConversations, createContact, deleteContact, getContact, listContacts, updateContact } from './contact.service.js';
import { mergeContacts } from './merge-contacts.js';
import { exportContacts } from './contact-export.js';
import { sendCsv } from '../record/csv.js';

export const contactRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/contacts',
    operationId: 'listContacts',
    summary: 'Contacts: search (name, email, phone, company), filters (label, company, an attribute’s value), four orders, keyset paged',
    tag: 'contacts',
    auth: 'operator',
    query: listContactsQuery,
    response: pageOf(contactDetailSchema),
    handler: async ({ operator, query }) => listContacts(ctx, operator!, query),
  }),
  route({
    method: 'GET',
    url: '/api/v1/contacts/export',
    operationId: 'exportContacts',
    summary:
      'Contacts as CSV (UTF-8 with a BOM), filtered and sorted like the list, streamed: id, name, email, phone, company, avatar, labels, created_at, last_seen_at, then one column per attribute key (admins)',
    tag: 'contacts',
    auth: 'operator',
    query: contactFilters,
    produces: 'text/csv',
    handler: async ({ operator, query, reply }) => {
      const { header, rows } = await exportContacts(ctx, operator!, query);
      return sendCsv(reply, 'contacts.csv', header, rows);
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/contacts',
    operationId: 'createContact',
    summary: 'Create a contact (with `visitorId`: from a visitor who has none, with their conversations)',
    tag: 'contacts',
    auth: 'operator',
    body: createContactInput,
    status: 201,
    response: contactDetailSchema,
    handler: async ({ operator, body }) => createContact(ctx, operator!, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/contacts/:id',
    operationId: 'getContact',
    summary: 'One contact, with how many conversations and notes it has',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    response: contactDetailSchema,
    redirects: true,
    handler: async ({ operator, params }) => getContact(ctx, operator!, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/contacts/:id',
    operationId: 'updateContact',
    summary: 'Change a contact’s fields and attribute values (only those named; null clears one)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    body: updateContactInput,
    response: contactDetailSchema,
    redirects: true,
    handler: async ({ operator, params, body }) => updateContact(ctx, operator!, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/contacts/:id',
    operationId: 'deleteContact',
    summary: 'Delete a contact nobody is behind (no visitor, no conversation; merge the others instead) (admins)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    redirects: true,
    handler: async ({ operator, params }) => deleteContact(ctx, operator!, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/contacts/:id/conversations',
    operationId: 'listContactConversations',
    summary: 'The contact’s whole history: every conversation across all its visitors, newest first (messages: listMessages)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    query: pageQuery,
    response: pageOf(conversationSchema),
    redirects: true,
    handler: async ({ operator, params, query }) => contactConversations(ctx, operator!, params.id, query),
  }),
  route({
    method: 'GET',
    url: '/api/v1/contacts/:id/notes',
    operationId: 'listContactNotes',
    summary: 'Notes operators wrote on the contact, newest first',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    query: pageQuery,
    response: pageOf(contactNoteSchema),
    redirects: true,
    handler: async ({ operator, params, query }) => {
      const page = await listContactNotes(ctx, operator!, params.id, query);
      return { ...page, items: page.items.map(contactNoteWithHtml) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/contacts/:id/notes',
    operationId: 'addContactNote',
    summary: 'Write a note on the contact (operators only)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    body: noteInput,
    status: 201,
    response: contactNoteSchema,
    redirects: true,
    handler: async ({ operator, params, body }) => contactNoteWithHtml(await addContactNote(ctx, operator!, params.id, body.body)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/contacts/:id/labels',
    operationId: 'setContactLabels',
    summary: 'Add and remove labels on a contact (the workspace’s labels)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    body: contactLabelsInput,
    response: contactDetailSchema,
    redirects: true,
    handler: async ({ operator, params, body }) => setContactLabels(ctx, { actor: operator!, contactId: params.id, add: body.add, remove: body.remove }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/contacts/:id/merge',
    operationId: 'mergeContacts',
    summary:
      'Merge another contact into this one: its visitors, conversations, notes and labels move here, empty fields are filled from it, attributes merged (this one’s win); the other then redirects here (308)',
    tag: 'contacts',
    auth: 'operator',
    params: idParam,
    body: mergeContactInput,
    response: contactDetailSchema,
    redirects: true,
    handler: async ({ operator, params, body }) => mergeContacts(ctx, { actor: operator!, intoId: params.id, fromId: body.contactId }),
  }),
];
