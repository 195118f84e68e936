import type { Db } from '../db/database.js';
import type { AttributeRow } from './contact-attribute.js';

export async function listAttributeRows(db: Db, workspaceId: string): Promise<AttributeRow[]> {
  return db.selectFrom('contact_attributes').selectAll().where('workspace_id', '=', workspaceId).orderBy('position').orderBy('created_at').execute();
}

export async function findAttribute(db: Db, workspaceId: string, id: string): Promise<AttributeRow | undefined> {
  return db.selectFrom('contact_attributes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function insertAttribute(db: Db, row: AttributeRow): Promise<void> {
  await db.insertInto('contact_attributes').values(row).execute();
}

export async function updateAttribute(
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<AttributeRow, 'label' | 'options' | 'position' | 'updated_at'>>,
) {
  await db.updateTable('contact_attributes').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** The definition only: stored values stay in `contacts.attributes`, never shown again (harmless if a key comes back with another type). */
export async function deleteAttribute(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('contact_attributes').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
