/**
 * The mergeContacts command: two contacts are one person. Everything of the
 * other one moves to the survivor: its visitors (and so their conversations
 * from now on), its conversations, its notes and its labels. The survivor's
 * empty fields are filled from the other's; attributes are merged, the
 * survivor's value winning where both have one. The other contact is kept,
 * with `merged_into` set: the API answers it with a redirect to the
 * survivor. Two contacts a host site vouched for with different ids are two
 * people: that merge is refused.
 */
import type { ContactDetailDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { AppError, badRequest, conflict, moved, notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { visibleContact } from './contact-access.js';
import { authorize } from '../policy/policy.js';
import { parseStored } from './contact-attribute.js';
import { attributeDefs } from './contact-attribute.service.js';
import { contactChanged } from './contact-events.js';
import { contactDetail } from './contact.service.js';
import { contactLabelIds } from './contact-labels.js';
import { moveConsents } from '../forms/consent.repository.js';
import { type ContactRow, contactKeys, notStaged } from './contact.repository.js';

export interface MergeContactsProps {
  actor: Operator;
  /** The contact that stays. */
  intoId: string;
  /** The contact merged into it: kept, redirecting to the survivor. */
  fromId: string;
}

const FILLED = ['name', 'email', 'phone', 'company', 'avatar_url'] as const;

export async function mergeContacts(ctx: Context, p: MergeContactsProps): Promise<ContactDetailDto> {
  authorize(p.actor, 'contact.merge');
  if (p.intoId === p.fromId) throw badRequest('Choose another contact to merge with this one');
  const ws = p.actor.workspaceId;
  // Both must be visible to the operator: one out of their scope is not found.
  await visibleContact(ctx, p.actor, p.intoId).catch(passMoved);
  await visibleContact(ctx, p.actor, p.fromId).catch(passMoved);
  const { into, from } = await ctx.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('contacts').selectAll().where('workspace_id', '=', ws).where('id', 'in', [p.intoId, p.fromId]).where(notStaged).orderBy('id');
    // Two merges of the same contacts at once: the second waits, then finds one merged.
    if (ctx.dbKind === 'postgres') q = q.forUpdate();
    const rows = await q.execute();
    const into = rows.find((r) => r.id === p.intoId);
    const from = rows.find((r) => r.id === p.fromId);
    if (!into || !from) throw notFound('Contact');
    if (into.merged_into) throw moved('contact', into.id, into.merged_into);
    if (from.merged_into) throw conflict('The other contact was already merged into another one');
    if (into.external_id && from.external_id && into.external_id !== from.external_id) {
      throw conflict(
        `Your website vouched for these contacts as two different people (ids ${into.external_id} and ${from.external_id}): they cannot be merged`,
      );
    }
    const now = ctx.now();
    // Everything of the other one is the survivor's now.
    await trx.updateTable('visitors').set({ contact_id: into.id }).where('contact_id', '=', from.id).execute();
    // Devices the website vouched for as the other one follow its identity here (into takes its external id).
    await trx.updateTable('visitors').set({ verified_contact_id: into.id }).where('verified_contact_id', '=', from.id).execute();
    await trx.updateTable('conversations').set({ contact_id: into.id }).where('contact_id', '=', from.id).execute();
    await trx.updateTable('contact_notes').set({ contact_id: into.id }).where('contact_id', '=', from.id).execute();
    await trx.updateTable('tasks').set({ contact_id: into.id }).where('contact_id', '=', from.id).execute();
    await moveConsents(trx, from.id, into.id);
    const theirs = await trx.selectFrom('contact_labels').selectAll().where('contact_id', '=', from.id).execute();
    if (theirs.length) {
      await trx
        .insertInto('contact_labels')
        .values(theirs.map((l) => ({ ...l, contact_id: into.id })))
        .onConflict((oc) => oc.columns(['contact_id', 'label_id']).doNothing())
        .execute();
      await trx.deleteFrom('contact_labels').where('contact_id', '=', from.id).execute();
    }
    // Contacts merged into the other one earlier now point here: a redirect is one step.
    await trx.updateTable('contacts').set({ merged_into: into.id }).where('workspace_id', '=', ws).where('merged_into', '=', from.id).execute();
    // The identity moves too (it is unique in the workspace): off the other one first.
    await trx.updateTable('contacts').set({ merged_into: into.id, external_id: null, labels: '[]', updated_at: now }).where('id', '=', from.id).execute();

    const fields: Partial<ContactRow> = {};
    for (const f of FILLED) if (into[f] === null && from[f] !== null) fields[f] = from[f];
    const next: ContactRow = {
      ...into,
      ...fields,
      external_id: into.external_id ?? from.external_id,
      verified_at: maxOf(into.verified_at, from.verified_at),
      last_seen_at: maxOf(into.last_seen_at, from.last_seen_at),
      created_at: Math.min(into.created_at, from.created_at),
      attributes: JSON.stringify({ ...parseStored(from.attributes), ...parseStored(into.attributes) }),
      labels: JSON.stringify(await contactLabelIds(trx, into.id)),
      updated_at: now,
    };
    Object.assign(next, contactKeys(next));
    const { id: _id, workspace_id: _ws, ...set } = next;
    await trx.updateTable('contacts').set(set).where('id', '=', into.id).execute();
    return { into: next, from: { ...from, merged_into: into.id, external_id: null, labels: '[]', updated_at: now } };
  });
  await contactChanged(ctx, from, 'merged');
  await contactChanged(ctx, into, 'updated');
  return contactDetail(ctx, into, await attributeDefs(ctx, ws));
}

const maxOf = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : Math.max(a, b));

/** A merged contact is answered inside the transaction below (redirect or conflict), as before. */
function passMoved(err: unknown): void {
  if (!(err instanceof AppError && err.code === 'moved')) throw err;
}
