/**
 * The saveVisitorDetails command: what a visitor typed in a form (name,
 * email, phone, custom attributes) goes to the visitor's own contact, in the
 * caller's transaction. As with every unverified identification
 * (identity/identify-visitor.ts), it never attaches the visitor to another
 * contact, however an email matches: the visitor's own unverified contact is
 * written to, or a new one is made for them (their conversations without a
 * contact join it). A visitor the website vouched for (identity hash) is
 * that contact: the site's name and email stand (a form fills them in only
 * where the site gave none), and the other values are theirs to give.
 */
import type { ContactAttributeValue } from '@switchboard/protocol';
import { parseStored } from '../contact/contact-attribute.js';
import { type ContactPatch, type ContactRow, findContact, insertContact, updateContact } from '../contact/contact.repository.js';
import type { Db } from '../db/database.js';
import { attachVisitorConversations, findVisitorRow, setVisitorContact } from '../identity/identity.repository.js';
import { newId } from '../ids.js';
import type { Visitor } from '../visitor/visitor.js';

export interface VisitorDetails {
  name?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  /** Values already checked against their attribute's type. */
  attributes?: Record<string, ContactAttributeValue> | undefined;
}

export interface SavedDetails {
  contact: ContactRow;
  /** Something was written: consoles hear of it. */
  changed: boolean;
  /** The contact was made just now (webhooks hear of it as contact.created). */
  created?: boolean;
}

/** A contact no site vouched for: the only kind what a visitor types may change without a hash. */
const isUnverified = (c: ContactRow) => c.external_id === null && c.verified_at === null;

/** `ensure`: make the visitor a contact even when they gave no details (a consent is kept on a contact). */
export async function saveVisitorDetails(
  trx: Db,
  p: { visitor: Visitor; details: VisitorDetails; now: number; ensure?: boolean },
): Promise<SavedDetails | null> {
  const { visitor, details, now } = p;
  const given = Object.values(details).some((v) => v !== undefined && !(typeof v === 'object' && Object.keys(v).length === 0));
  const me = await findVisitorRow(trx, visitor.workspaceId, visitor.id);
  if (!me) return null;
  if (me.verified_contact_id) {
    const contact = await findContact(trx, visitor.workspaceId, me.verified_contact_id);
    if (!contact) return null;
    // The site's name and email stand; a form only fills in what it did not give.
    const patch = changes(contact, {
      ...details,
      name: contact.name === null ? details.name : undefined,
      email: contact.email === null ? details.email : undefined,
    });
    return patch ? { contact: await updateContact(trx, contact, { ...patch, updated_at: now }), changed: true } : { contact, changed: false };
  }
  const own = me.contact_id ? await findContact(trx, visitor.workspaceId, me.contact_id) : undefined;
  if (own && isUnverified(own) && own.merged_into === null) {
    const patch = changes(own, details);
    return patch ? { contact: await updateContact(trx, own, { ...patch, updated_at: now }), changed: true } : { contact: own, changed: false };
  }
  if (!given && !p.ensure) return own ? { contact: own, changed: false } : null;
  const id = newId();
  await insertContact(trx, {
    id,
    workspace_id: visitor.workspaceId,
    name: details.name ?? null,
    email: details.email ?? null,
    phone: details.phone ?? null,
    attributes: JSON.stringify(details.attributes ?? {}),
    created_at: now,
    updated_at: now,
  });
  await setVisitorContact(trx, visitor.id, { contact_id: id });
  await attachVisitorConversations(trx, visitor.id, id, null);
  const contact = await findContact(trx, visitor.workspaceId, id);
  return contact ? { contact, changed: true, created: true } : null;
}

/** What the details change on a contact, or null when nothing. */
function changes(c: ContactRow, d: VisitorDetails): ContactPatch | null {
  const patch: ContactPatch = {};
  if (d.name !== undefined && d.name !== c.name) patch.name = d.name;
  if (d.email !== undefined && d.email !== c.email) patch.email = d.email;
  if (d.phone !== undefined && d.phone !== c.phone) patch.phone = d.phone;
  if (d.attributes && Object.keys(d.attributes).length > 0) {
    const current = parseStored(c.attributes);
    const next = { ...current, ...d.attributes };
    if (JSON.stringify(next) !== JSON.stringify(current)) patch.attributes = JSON.stringify(next);
  }
  return Object.keys(patch).length > 0 ? patch : null;
}
