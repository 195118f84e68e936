import type { LabelDto } from '@switchboard/protocol';
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { LabelTable } from './label.table.js';

export type LabelRow = Selectable<LabelTable>;

export const presentLabel = (row: LabelRow): LabelDto => ({ id: row.id, name: row.name, color: row.color });

export async function listLabels(db: Db, workspaceId: string): Promise<LabelRow[]> {
  return db.selectFrom('labels').selectAll().where('workspace_id', '=', workspaceId).orderBy('name_key').execute();
}

export async function findLabels(db: Db, workspaceId: string, ids: string[]): Promise<LabelRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom('labels').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export async function findLabelByKey(db: Db, workspaceId: string, key: string): Promise<LabelRow | undefined> {
  return db.selectFrom('labels').selectAll().where('workspace_id', '=', workspaceId).where('name_key', '=', key).executeTakeFirst();
}

export async function insertLabel(db: Db, row: LabelRow): Promise<void> {
  await db.insertInto('labels').values(row).execute();
}

export async function updateLabel(db: Db, workspaceId: string, id: string, patch: Partial<Pick<LabelRow, 'name' | 'name_key' | 'color'>>): Promise<void> {
  await db.updateTable('labels').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** The conversations that carry a label (for deleting it). */
export async function conversationsWithLabel(db: Db, labelId: string): Promise<string[]> {
  const rows = await db.selectFrom('conversation_labels').select('conversation_id').where('label_id', '=', labelId).execute();
  return rows.map((r) => r.conversation_id);
}

export async function deleteLabelRow(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('conversation_labels').where('label_id', '=', id).execute();
  await db.deleteFrom('labels').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function addConversationLabels(db: Db, workspaceId: string, conversationId: string, ids: string[], now: number): Promise<void> {
  if (ids.length === 0) return;
  await db
    .insertInto('conversation_labels')
    .values(ids.map((label_id) => ({ conversation_id: conversationId, label_id, workspace_id: workspaceId, created_at: now })))
    .onConflict((oc) => oc.columns(['conversation_id', 'label_id']).doNothing())
    .execute();
}

export async function removeConversationLabels(db: Db, conversationId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('conversation_labels').where('conversation_id', '=', conversationId).where('label_id', 'in', ids).execute();
}

/** A conversation's labels, oldest first: written back to the conversation row. */
export async function conversationLabelIds(db: Db, conversationId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('conversation_labels')
    .select('label_id')
    .where('conversation_id', '=', conversationId)
    .orderBy('created_at')
    .orderBy('label_id')
    .execute();
  return rows.map((r) => r.label_id);
}
