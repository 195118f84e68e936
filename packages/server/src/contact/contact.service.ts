import type { ContactDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { ContactInput } from './contact.js';
import { findContact, insertContact, listContacts as listRows, presentContact, updateContact as updateRow } from './contact.repository.js';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.js';

export async function listContacts(ctx: Context, actor: Operator, q: { limit: number; cursor?: string }): Promise<Page<ContactDto>> {
  authorize(actor, 'contact.view');
  const before = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await listRows(ctx.db, actor.workspaceId, { limit: q.limit + 1, ...(before ? { before: { updatedAt: before.t, id: before.id } } : {}) });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items: items.map(presentContact), nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.updated_at, id: last.id }) : null };
}

export async function getContact(ctx: Context, actor: Operator, id: string): Promise<ContactDto> {
  authorize(actor, 'contact.view');
  const row = await findContact(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Contact');
  return presentContact(row);
}

export async function updateContact(ctx: Context, actor: Operator, id: string, input: ContactInput): Promise<ContactDto> {
  authorize(actor, 'contact.update');
  const row = await findContact(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Contact');
  const patch = { ...input, updated_at: ctx.now() };
  await updateRow(ctx.db, actor.workspaceId, id, patch);
  return presentContact({ ...row, ...patch });
}

/**
 * The contact of a visitor who told us who they are. What a visitor types is
 * not verified, so it never attaches them to an existing contact (anyone can
 * type someone else's email): a visitor's own contact is updated, or a new
 * one made. The id returned says nothing about other contacts.
 */
export async function contactForVisitor(
  ctx: Context,
  visitor: { workspaceId: string; contactId: string | null },
  input: { name?: string | null; email?: string | null },
): Promise<string> {
  const now = ctx.now();
  const own = visitor.contactId ? await findContact(ctx.db, visitor.workspaceId, visitor.contactId) : undefined;
  if (own) {
    const patch = { ...(input.name ? { name: input.name } : {}), ...(input.email ? { email: input.email } : {}), updated_at: now };
    await updateRow(ctx.db, visitor.workspaceId, own.id, patch);
    return own.id;
  }
  const id = newId();
  await insertContact(ctx.db, {
    id,
    workspace_id: visitor.workspaceId,
    name: input.name ?? null,
    email: input.email ?? null,
    created_at: now,
    updated_at: now,
  });
  return id;
}
