import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { moved, notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { mayViewContact, viewerOf } from '../policy/visibility.js';
import { type ContactRow, findVisibleContact } from './contact.repository.js';

/** The contact behind an id in the caller's workspace: 404 when none, a redirect (308) to the survivor when it was merged. */
export async function liveContact(db: Db, workspaceId: string, id: string): Promise<ContactRow> {
  const row = await findVisibleContact(db, workspaceId, id);
  if (!row) throw notFound('Contact');
  if (row.merged_into) throw moved('contact', row.id, row.merged_into);
  return row;
}

/** The same, for a contact the operator may see (policy/visibility.ts): one out of their scope is not found. */
export async function visibleContact(ctx: Context, actor: Operator, id: string): Promise<ContactRow> {
  const row = await liveContact(ctx.db, actor.workspaceId, id);
  if (!(await mayViewContact(ctx, await viewerOf(ctx, actor), row))) throw notFound('Contact');
  return row;
}
