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

export async function linkAttachments(db: Db, ids: string[], messageId: string): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('attachments').set({ message_id: messageId }).where('id', 'in', ids).execute();
}
