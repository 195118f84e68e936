/**
 * What a chunk of checked rows does to the workspace's contacts: a row whose
 * email belongs to a contact updates it (only the cells it fills; labels are
 * added, attributes merged), or changes nothing when the contact already
 * says the same; any other row is a new contact.
 */
import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ContactTable } from '../../db/tables.js';
import { newId } from '../../ids.js';
import { parseStored } from '../contact-attribute.js';
import { parseLabelIds } from '../contact.presenter.js';
import { contactKeys, findByEmails } from '../contact.repository.js';
import type { ContactImportUpdateTable } from '../contact.table.js';
import type { RowValues } from './import-rows.js';

export interface Plan {
  creates: Insertable<ContactTable>[];
  /** Labels of the new contacts. */
  createLabels: { contact_id: string; label_id: string }[];
  updates: Selectable<ContactImportUpdateTable>[];
  /** Labels the file adds to contacts that exist. */
  updateLabels: { contact_id: string; label_id: string }[];
  unchanged: number;
}

const FIELDS = ['name', 'phone', 'company', 'avatar_url'] as const;

export async function planChunk(db: Db, workspaceId: string, importId: string, rows: RowValues[], now: number): Promise<Plan> {
  const emails = rows.flatMap((r) => (r.email ? [r.email] : []));
  const existing = new Map<string, Selectable<ContactTable>>();
  // The oldest contact with the email is the one a row updates.
  for (const c of await findByEmails(db, workspaceId, emails)) if (c.email && !existing.has(c.email)) existing.set(c.email, c);
  const plan: Plan = { creates: [], createLabels: [], updates: [], updateLabels: [], unchanged: 0 };
  for (const v of rows) {
    const cur = v.email ? existing.get(v.email) : undefined;
    if (!cur) {
      const id = newId();
      const fields = { name: v.name ?? null, email: v.email ?? null, phone: v.phone ?? null, company: v.company ?? null };
      plan.creates.push({
        id,
        workspace_id: workspaceId,
        ...fields,
        avatar_url: v.avatar_url ?? null,
        attributes: JSON.stringify(v.attributes),
        labels: JSON.stringify(v.labels),
        ...contactKeys(fields),
        import_id: importId,
        created_at: now,
        updated_at: now,
      });
      for (const label_id of v.labels) plan.createLabels.push({ contact_id: id, label_id });
      continue;
    }
    const next = { ...cur };
    let changed = false;
    for (const f of FIELDS) {
      const value = v[f];
      if (value !== undefined && value !== cur[f]) {
        next[f] = value;
        changed = true;
      }
    }
    const stored = parseStored(cur.attributes);
    if (Object.entries(v.attributes).some(([k, value]) => stored[k] !== value)) changed = true;
    const labels = parseLabelIds(cur.labels);
    const added = v.labels.filter((id) => !labels.includes(id));
    if (added.length) changed = true;
    if (!changed) {
      plan.unchanged++;
      continue;
    }
    plan.updates.push({
      import_id: importId,
      contact_id: cur.id,
      name: next.name,
      email: cur.email,
      phone: next.phone,
      company: next.company,
      avatar_url: next.avatar_url,
      attributes: JSON.stringify({ ...stored, ...v.attributes }),
      labels: JSON.stringify([...labels, ...added]),
      ...contactKeys(next),
      updated_at: now,
    });
    for (const label_id of added) plan.updateLabels.push({ contact_id: cur.id, label_id });
  }
  return plan;
}
