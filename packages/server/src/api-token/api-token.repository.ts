import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { ApiTokenDto } from './api-token.js';
import type { ApiTokenTable } from './api-token.table.js';

export type ApiTokenRow = Selectable<ApiTokenTable>;

export const presentApiToken = (row: ApiTokenRow): ApiTokenDto => ({
  id: row.id,
  name: row.name,
  scopes: JSON.parse(row.scopes) as string[],
  prefix: row.prefix,
  createdAt: row.created_at,
  createdById: row.operator_id,
  lastUsedAt: row.last_used_at,
});

export async function insertApiToken(db: Db, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_tokens').values(row).execute();
}

/** The workspace's tokens that still work, newest first. */
export async function listActiveApiTokens(db: Db, workspaceId: string): Promise<ApiTokenRow[]> {
  return db
    .selectFrom('api_tokens')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function findApiTokenByHash(db: Db, hash: string): Promise<ApiTokenRow | undefined> {
  return db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).executeTakeFirst();
}

/** Revokes a token of the workspace that still works; false when there is none with this id. */
export async function revokeApiTokenRow(db: Db, workspaceId: string, id: string, now: number): Promise<boolean> {
  const r = await db
    .updateTable('api_tokens')
    .set({ revoked_at: now })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function touchApiToken(db: Db, id: string, now: number): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
}
