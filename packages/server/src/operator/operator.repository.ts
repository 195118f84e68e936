import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { OperatorTable } from '../db/tables.js';
import type { Operator } from './operator.js';

export type OperatorRow = Selectable<OperatorTable>;

export function toOperator(row: OperatorRow): Operator {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    email: row.email,
    name: row.name,
    role: row.role as Operator['role'],
    status: row.status === 'away' ? 'away' : 'online',
    disabled: row.disabled_at !== null,
    createdAt: row.created_at,
  };
}

export async function findOperatorByEmail(db: Db, email: string): Promise<OperatorRow | undefined> {
  return db.selectFrom('operators').selectAll().where('email', '=', email).executeTakeFirst();
}

export async function findOperator(db: Db, workspaceId: string, id: string): Promise<OperatorRow | undefined> {
  return db.selectFrom('operators').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function findOperatorByInvite(db: Db, tokenHash: string): Promise<OperatorRow | undefined> {
  return db.selectFrom('operators').selectAll().where('invite_token_hash', '=', tokenHash).executeTakeFirst();
}

export async function listOperators(db: Db, workspaceId: string): Promise<OperatorRow[]> {
  return db.selectFrom('operators').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
}

export async function countOwners(db: Db, workspaceId: string): Promise<number> {
  const r = await db
    .selectFrom('operators')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('role', '=', 'owner')
    .where('disabled_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function insertOperator(db: Db, row: OperatorRow): Promise<void> {
  await db.insertInto('operators').values(row).execute();
}

export async function updateOperator(db: Db, workspaceId: string, id: string, patch: Partial<Omit<OperatorRow, 'id' | 'workspace_id'>>): Promise<void> {
  await db.updateTable('operators').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
