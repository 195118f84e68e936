/**
 * Labels on contacts: the workspace's labels (the same as on conversations),
 * in a join table for the label filter, and their ids again in
 * `contacts.labels`, in the order they were added, so a contact reads in one row.
 */
import type { ContactDetailDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { AppError } from '../errors.js';
import { findLabels } from '../label/label.repository.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { attributeDefs } from './contact-attribute.service.js';
import { contactChanged } from './contact-events.js';
import { presentDetail } from './contact.presenter.js';
import { countOf } from './contact.repository.js';
import { visibleContact } from './contact-access.js';

/** The ids, each once, every one a label of the workspace (else a refusal naming them). */
export async function checkLabels(ctx: Context, workspaceId: string, ids: string[]): Promise<string[]> {
  const wanted = [...new Set(ids)];
  const found = new Set((await findLabels(ctx.db, workspaceId, wanted)).map((l) => l.id));
  const unknown = wanted.filter((id) => !found.has(id));
  if (unknown.length) {
    throw new AppError('validation_failed', `Unknown label: ${unknown.join(', ')}`, {
      details: [{ in: 'body', path: 'labels', message: `Unknown label: ${unknown.join(', ')}` }],
    });
  }
  return wanted;
}

export async function addContactLabelRows(db: Db, workspaceId: string, contactId: string, ids: string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .insertInto('contact_labels')
    .values(ids.map((label_id) => ({ contact_id: contactId, label_id, workspace_id: workspaceId, created_at: now })))
    .onConflict((oc) => oc.columns(['contact_id', 'label_id']).doNothing())
    .execute();
}

/** A contact's labels, oldest first: what `contacts.labels` holds. */
export async function contactLabelIds(db: Db, contactId: string): Promise<string[]> {
  const rows = await db.selectFrom('contact_labels').select('label_id').where('contact_id', '=', contactId).orderBy('created_at').orderBy('label_id').execute();
  return rows.map((r) => r.label_id);
}

export interface SetContactLabelsProps {
  actor: Operator;
  contactId: string;
  add: string[];
  remove: string[];
}

export async function setContactLabels(ctx: Context, p: SetContactLabelsProps): Promise<ContactDetailDto> {
  authorize(p.actor, 'contact.label');
  const current = await visibleContact(ctx, p.actor, p.contactId);
  await checkLabels(ctx, p.actor.workspaceId, [...p.add, ...p.remove]);
  const now = ctx.now();
  const row = await ctx.db.transaction().execute(async (trx) => {
    await addContactLabelRows(
      trx,
      p.actor.workspaceId,
      current.id,
      p.add.filter((id) => !p.remove.includes(id)),
      now,
    );
    if (p.remove.length) await trx.deleteFrom('contact_labels').where('contact_id', '=', current.id).where('label_id', 'in', p.remove).execute();
    const labels = JSON.stringify(await contactLabelIds(trx, current.id));
    await trx.updateTable('contacts').set({ labels, updated_at: now }).where('id', '=', current.id).execute();
    return { ...current, labels, updated_at: now };
  });
  await contactChanged(ctx, row, 'updated');
  return presentDetail(row, await attributeDefs(ctx, p.actor.workspaceId), await countOf(ctx.db, row.id));
}

/** A label is being deleted: off every contact too, in the deleting transaction. */
export async function removeLabelFromContacts(db: Db, labelId: string): Promise<void> {
  const rows = await db.selectFrom('contact_labels').select('contact_id').where('label_id', '=', labelId).execute();
  await db.deleteFrom('contact_labels').where('label_id', '=', labelId).execute();
  await db.deleteFrom('contact_import_labels').where('label_id', '=', labelId).execute();
  for (const { contact_id } of rows) {
    await db
      .updateTable('contacts')
      .set({ labels: JSON.stringify(await contactLabelIds(db, contact_id)) })
      .where('id', '=', contact_id)
      .execute();
  }
}
