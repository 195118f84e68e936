/** SQL of identity verification: secrets, verified visitors, and the contacts the site vouches for. */
import { contactKeys } from '../contact/contact.repository.js';
import type { Db } from '../db/database.js';
import type { ContactRow } from '../contact/contact.repository.js';
import type { VisitorRow } from '../visitor/visitor.repository.js';

export async function findVisitorRow(db: Db, workspaceId: string, visitorId: string): Promise<VisitorRow | undefined> {
  return db.selectFrom('visitors').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', visitorId).executeTakeFirst();
}

export async function findContactRow(db: Db, workspaceId: string, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function findContactByExternalId(db: Db, workspaceId: string, externalId: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('external_id', '=', externalId).executeTakeFirst();
}

export async function insertContactRow(
  db: Db,
  row: Pick<
    ContactRow,
    'id' | 'workspace_id' | 'name' | 'email' | 'attributes' | 'external_id' | 'verified_at' | 'claimed_external_id' | 'created_at' | 'updated_at'
  >,
): Promise<void> {
  // The Contacts page searches and sorts by keys made from the fields (accents folded).
  await db
    .insertInto('contacts')
    .values({ ...row, ...contactKeys({ name: row.name, email: row.email, phone: null, company: null }) })
    .execute();
}

export type ContactPatch = Partial<Pick<ContactRow, 'name' | 'email' | 'attributes' | 'external_id' | 'verified_at' | 'claimed_external_id' | 'updated_at'>>;

export async function patchContact(db: Db, workspaceId: string, id: string, patch: ContactPatch): Promise<void> {
  let keys = {};
  if (patch.name !== undefined || patch.email !== undefined) {
    const row = await db.selectFrom('contacts').select(['name', 'email', 'phone', 'company']).where('id', '=', id).executeTakeFirst();
    if (row)
      keys = contactKeys({ ...row, ...(patch.name !== undefined ? { name: patch.name } : {}), ...(patch.email !== undefined ? { email: patch.email } : {}) });
  }
  await db
    .updateTable('contacts')
    .set({ ...patch, ...keys })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();
}

export async function setVisitorContact(db: Db, visitorId: string, patch: { contact_id?: string; verified_contact_id?: string | null }): Promise<void> {
  await db.updateTable('visitors').set(patch).where('id', '=', visitorId).execute();
}

/**
 * Gives the visitor's conversations that belong to no contact, or to `from`
 * (the visitor's own contact until now), to `to`. Conversations attached to
 * another contact stay where they are. Returns how many moved.
 */
export async function attachVisitorConversations(db: Db, visitorId: string, to: string, from: string | null): Promise<number> {
  const r = await db
    .updateTable('conversations')
    .set({ contact_id: to })
    .where('visitor_id', '=', visitorId)
    .where((eb) => (from ? eb.or([eb('contact_id', 'is', null), eb('contact_id', '=', from)]) : eb('contact_id', 'is', null)))
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Visitors a valid hash verified as this contact (on any device), a bounded number. */
export async function listVerifiedVisitorIds(db: Db, contactId: string, limit = 100): Promise<string[]> {
  const rows = await db.selectFrom('visitors').select('id').where('verified_contact_id', '=', contactId).limit(limit).execute();
  return rows.map((r) => r.id);
}

export async function readIdentitySecret(db: Db, inboxId: string): Promise<string | null> {
  const row = await db.selectFrom('inboxes').select('identity_secret').where('id', '=', inboxId).executeTakeFirst();
  return row?.identity_secret ?? null;
}

export async function storeIdentitySecret(db: Db, workspaceId: string, inboxId: string, secret: string, at: number): Promise<void> {
  await db
    .updateTable('inboxes')
    .set({ identity_secret: secret, identity_secret_at: at })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', inboxId)
    .execute();
}

/** Ends every verification made through this inbox (its secret changed); returns the visitors it ended. */
export async function endInboxVerifications(db: Db, inboxId: string): Promise<string[]> {
  const rows = await db.selectFrom('visitors').select('id').where('inbox_id', '=', inboxId).where('verified_contact_id', 'is not', null).execute();
  if (rows.length === 0) return [];
  await db.updateTable('visitors').set({ verified_contact_id: null }).where('inbox_id', '=', inboxId).where('verified_contact_id', 'is not', null).execute();
  return rows.map((r) => r.id);
}
