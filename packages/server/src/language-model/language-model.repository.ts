/** SQL of the workspace's language model settings (one row per workspace). */
import type { Db } from '../db/database.js';
import type { LanguageModelSettingsTable } from './language-model.table.js';
import './language-model.table.js';

export async function findSettings(db: Db, workspaceId: string): Promise<LanguageModelSettingsTable | undefined> {
  return db.selectFrom('language_model_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

export async function saveSettings(db: Db, row: LanguageModelSettingsTable): Promise<void> {
  const { workspace_id: _id, created_at: _created, ...changes } = row;
  await db
    .insertInto('language_model_settings')
    .values(row)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(changes))
    .execute();
}

export async function deleteSettings(db: Db, workspaceId: string): Promise<boolean> {
  const r = await db.deleteFrom('language_model_settings').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
