import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { addNote } from './add-note.js';
import { addNoteInput, listNotesQuery, notePageSchema, noteSchema } from './note.js';
import { listNotes, noteWithHtml, seeMentions } from './note.service.js';

export const noteRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/conversations/:id/notes',
    operationId: 'listNotes',
    summary: 'Private notes of a conversation, oldest first, after a note number (operators only; never shown to the visitor)',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    query: listNotesQuery,
    response: notePageSchema,
    handler: async ({ operator, params, query }) => {
      const page = await listNotes(ctx, operator!, params.id, query);
      return { ...page, items: page.items.map(noteWithHtml) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/notes',
    operationId: 'addNote',
    summary: 'Write a private note; @Name mentions an operator, who is notified. With a clientId, sending twice stores once.',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: addNoteInput,
    status: 201,
    response: z.object({ note: noteSchema, duplicate: z.boolean() }),
    handler: async ({ operator, params, body }) => {
      const r = await addNote(ctx, { actor: operator!, conversationId: params.id, body: body.body, clientId: body.clientId });
      return { ...r, note: noteWithHtml(r.note) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/mentions/seen',
    operationId: 'markMentionsSeen',
    summary: 'The signed-in operator opened the conversation: the notes there that mention them are seen',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    response: z.object({ seen: z.number().describe('Mentions that were not seen yet') }),
    handler: async ({ operator, params }) => ({ seen: await seeMentions(ctx, operator!, params.id) }),
  }),
];
