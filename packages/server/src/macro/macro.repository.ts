import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Macro, MacroScope, MacroStep } from './macro.js';
import type { MacroTable } from './macro.table.js';

export type MacroRow = Selectable<MacroTable>;

function steps(json: string): MacroStep[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? (v as MacroStep[]) : [];
  } catch {
    // A damaged row runs nothing rather than taking the list down.
    return [];
  }
}

export const toMacro = (r: MacroRow): Macro => ({
  id: r.id,
  workspaceId: r.workspace_id,
  scope: r.scope as MacroScope,
  ownerId: r.owner_id,
  name: r.name,
  actions: steps(r.actions),
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

/** The workspace's macros and one operator's personal ones, by name (index macros_scope). */
export async function listMacros(db: Db, workspaceId: string, ownerId: string): Promise<MacroRow[]> {
  return db
    .selectFrom('macros')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('scope', '=', 'workspace'), eb.and([eb('scope', '=', 'personal'), eb('owner_id', '=', ownerId)])]))
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export async function findMacro(db: Db, workspaceId: string, id: string): Promise<MacroRow | undefined> {
  return db.selectFrom('macros').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function insertMacro(db: Db, row: MacroRow): Promise<void> {
  await db.insertInto('macros').values(row).execute();
}

export async function updateMacro(
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<MacroRow, 'name' | 'scope' | 'owner_id' | 'actions' | 'updated_at'>>,
) {
  await db.updateTable('macros').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function deleteMacro(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.deleteFrom('macros').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
