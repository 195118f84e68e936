import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { WorkspaceTable } from '../db/tables.js';

export type WorkspaceRow = Selectable<WorkspaceTable>;

export async function insertWorkspace(db: Db, row: WorkspaceRow): Promise<void> {
  await db.insertInto('workspaces').values(row).execute();
}

export async function countWorkspaces(db: Db): Promise<number> {
  const r = await db
    .selectFrom('workspaces')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
