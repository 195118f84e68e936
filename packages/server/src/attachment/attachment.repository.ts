import type { Selectable } from 'kysely';
import type { AttachmentDto } from '@switchboard/protocol';
import type { Db } from '../db/database.js';
import type { AttachmentTable } from '../db/tables.js';

export type AttachmentRow = Selectable<AttachmentTable>;

export const presentAttachment = (row: AttachmentRow): AttachmentDto => ({
  id: row.id,
  name: row.name,
  mime: row.mime,
  size: row.size,
  url: `/api/v1/attachments/${row.id}`,
});

export async function insertAttachment(db: Db, row: AttachmentRow): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | undefined> {
  return db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Uploads by this author in this conversation not yet on a message: the only ones a message may carry. */
export async function findUnlinked(db: Db, conversationId: string, uploaderId: string, ids: string[]): Promise<AttachmentRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('conversation_id', '=', conversationId)
    .where('uploader_id', '=', uploaderId)
    .where('message_id', 'is', null)
    .where('id', 'in', ids)
    .execute();
}

/** Links uploads to their message; returns how many were still there to link. */
export async function linkAttachments(db: Db, ids: string[], messageId: string): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await db.updateTable('attachments').set({ message_id: messageId }).where('id', 'in', ids).where('message_id', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** Deletes up to `limit` uploads never sent with a message and older than `before`; returns their storage keys. */
export async function deleteUnattached(db: Db, before: number, limit: number): Promise<string[]> {
  const ids = await db.selectFrom('attachments').select('id').where('message_id', 'is', null).where('created_at', '<', before).limit(limit).execute();
  if (ids.length === 0) return [];
  const gone = await db
    .deleteFrom('attachments')
    .where(
      'id',
      'in',
      ids.map((r) => r.id),
    )
    .where('message_id', 'is', null)
    .returning('storage_key')
    .execute();
  return gone.map((r) => r.storage_key);
}
