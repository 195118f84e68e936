/** Notes operators write on a contact: an author, a time, the text; listed newest first. The contact never sees them. */
import type { ContactNoteDto } from '@switchboard/protocol';
import { messageHtml } from '@switchboard/text';
import type { Selectable } from 'kysely';
import type { Context } from '../context.js';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { visibleContact } from './contact-access.js';
import { contactChanged } from './contact-events.js';
import type { ContactNoteTable } from './contact.table.js';

type NoteRow = Selectable<ContactNoteTable>;

export const presentContactNote = (r: NoteRow): ContactNoteDto => ({
  id: r.id,
  contactId: r.contact_id,
  author: { id: r.author_id, name: r.author_name },
  body: r.body,
  createdAt: r.created_at,
});

/** As the API answers it: with the text as safe HTML (the one renderer of user text). */
export const contactNoteWithHtml = (n: ContactNoteDto): ContactNoteDto & { html: string } => ({ ...n, html: messageHtml(n.body) });

export async function listContactNotes(
  ctx: Context,
  actor: Operator,
  contactId: string,
  page: { limit: number; cursor?: string | undefined },
): Promise<Page<ContactNoteDto>> {
  authorize(actor, 'contact.view');
  const contact = await visibleContact(ctx, actor, contactId);
  const before = page.cursor ? decodeCursor(page.cursor) : undefined;
  let q = ctx.db.selectFrom('contact_notes').selectAll().where('contact_id', '=', contact.id);
  if (before) q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(before.t, before.id)));
  const rows = await q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
  const items = rows.slice(0, page.limit);
  const last = items.at(-1);
  return { items: items.map(presentContactNote), nextCursor: rows.length > page.limit && last ? encodeCursor({ t: last.created_at, id: last.id }) : null };
}

export async function addContactNote(ctx: Context, actor: Operator, contactId: string, body: string): Promise<ContactNoteDto> {
  authorize(actor, 'contact.note');
  const contact = await visibleContact(ctx, actor, contactId);
  const row: NoteRow = {
    id: newId(),
    workspace_id: actor.workspaceId,
    contact_id: contact.id,
    author_id: actor.id,
    author_name: actor.name,
    body,
    created_at: ctx.now(),
  };
  await ctx.db.insertInto('contact_notes').values(row).execute();
  await contactChanged(ctx, contact, 'notes');
  return presentContactNote(row);
}
