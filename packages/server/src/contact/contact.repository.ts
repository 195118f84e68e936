import type { Insertable, Selectable } from 'kysely';
import type { ContactDto } from '@switchboard/protocol';
import type { Db } from '../db/database.js';
import type { ContactTable } from '../db/tables.js';

export type ContactRow = Selectable<ContactTable>;

export const presentContact = (row: ContactRow): ContactDto => ({
  id: row.id,
  name: row.name,
  email: row.email,
  createdAt: row.created_at,
  externalId: row.external_id,
  verifiedAt: row.verified_at,
  claimedId: row.claimed_external_id,
});

export async function findContact(db: Db, workspaceId: string, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function findContacts(db: Db, workspaceId: string, ids: string[]): Promise<ContactRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export async function listContacts(db: Db, workspaceId: string, page: { limit: number; before?: { updatedAt: number; id: string } }): Promise<ContactRow[]> {
  let q = db.selectFrom('contacts').selectAll().where('workspace_id', '=', workspaceId);
  if (page.before) {
    const { updatedAt, id } = page.before;
    q = q.where((eb) => eb.or([eb('updated_at', '<', updatedAt), eb.and([eb('updated_at', '=', updatedAt), eb('id', '<', id)])]));
  }
  return q.orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(page.limit).execute();
}

export async function insertContact(db: Db, row: Insertable<ContactTable>): Promise<void> {
  await db.insertInto('contacts').values(row).execute();
}

export async function updateContact(db: Db, workspaceId: string, id: string, patch: Partial<Pick<ContactRow, 'name' | 'email' | 'updated_at'>>): Promise<void> {
  await db.updateTable('contacts').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
