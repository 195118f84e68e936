import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { CannedResponse, CannedScope } from './canned.js';
import type { CannedResponseTable } from './canned.table.js';

export type CannedRow = Selectable<CannedResponseTable>;

export const toCanned = (r: CannedRow): CannedResponse => ({
  id: r.id,
  workspaceId: r.workspace_id,
  scope: r.scope as CannedScope,
  ownerId: r.owner_id,
  teamId: r.team_id,
  shortcut: r.shortcut,
  title: r.title,
  body: r.body,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

/**
 * What one operator may list: their personal responses, those of some teams,
 * and the workspace's (each branch served by an index of migration 0005).
 * Admins pass every team of the workspace.
 */
export async function listCanned(db: Db, workspaceId: string, p: { ownerId: string; teamIds: string[] }): Promise<CannedRow[]> {
  return db
    .selectFrom('canned_responses')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb('scope', '=', 'workspace'),
        eb.and([eb('scope', '=', 'personal'), eb('owner_id', '=', p.ownerId)]),
        ...(p.teamIds.length ? [eb.and([eb('scope', '=', 'team'), eb('team_id', 'in', p.teamIds)])] : []),
      ]),
    )
    .orderBy('shortcut')
    .orderBy('id')
    .execute();
}

/** Every response of a workspace: what the search keeps in memory. */
export async function allCanned(db: Db, workspaceId: string): Promise<CannedRow[]> {
  return db.selectFrom('canned_responses').selectAll().where('workspace_id', '=', workspaceId).execute();
}

export async function findCanned(db: Db, workspaceId: string, id: string): Promise<CannedRow | undefined> {
  return db.selectFrom('canned_responses').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Responses with this shortcut in the workspace, whoever sees them: the clash check filters them. */
export async function withShortcut(db: Db, workspaceId: string, shortcut: string): Promise<CannedRow[]> {
  return db.selectFrom('canned_responses').selectAll().where('workspace_id', '=', workspaceId).where('shortcut', '=', shortcut).execute();
}

export async function insertCanned(db: Db, row: CannedRow): Promise<void> {
  await db.insertInto('canned_responses').values(row).execute();
}

export async function updateCanned(
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<CannedRow, 'scope' | 'owner_id' | 'team_id' | 'shortcut' | 'title' | 'body' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('canned_responses').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function deleteCanned(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('canned_responses').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
