import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import './avatar.table.js';
import type { OperatorAvatarTable } from './avatar.table.js';

export type AvatarRow = Selectable<OperatorAvatarTable>;

/** The public address of a picture: its random key only. */
export const avatarUrl = (key: string) => `/api/v1/avatars/${key}`;

export async function findAvatar(db: Db, operatorId: string): Promise<AvatarRow | undefined> {
  return db.selectFrom('operator_avatars').selectAll().where('operator_id', '=', operatorId).executeTakeFirst();
}

export async function findAvatarByKey(db: Db, key: string): Promise<AvatarRow | undefined> {
  return db.selectFrom('operator_avatars').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function listAvatars(db: Db, workspaceId: string): Promise<AvatarRow[]> {
  return db.selectFrom('operator_avatars').selectAll().where('workspace_id', '=', workspaceId).execute();
}

/** Replaces the operator's picture; returns the one it replaced, whose bytes the caller deletes. */
export async function saveAvatar(db: Db, row: AvatarRow): Promise<AvatarRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const previous = await findAvatar(trx, row.operator_id);
    await trx.deleteFrom('operator_avatars').where('operator_id', '=', row.operator_id).execute();
    await trx.insertInto('operator_avatars').values(row).execute();
    return previous;
  });
}

export async function deleteAvatar(db: Db, operatorId: string): Promise<AvatarRow | undefined> {
  const previous = await findAvatar(db, operatorId);
  if (previous) await db.deleteFrom('operator_avatars').where('operator_id', '=', operatorId).execute();
  return previous;
}
