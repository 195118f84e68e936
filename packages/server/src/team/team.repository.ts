import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Team } from './team.js';
import type { TeamMemberTable, TeamTable } from './team.table.js';

export type TeamRow = Selectable<TeamTable>;

export const toTeam = (row: TeamRow, memberIds: string[]): Team => ({
  id: row.id,
  workspaceId: row.workspace_id,
  name: row.name,
  memberIds,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function insertTeam(db: Db, row: TeamRow): Promise<void> {
  await db.insertInto('teams').values(row).execute();
}

export async function findTeam(db: Db, workspaceId: string, id: string): Promise<TeamRow | undefined> {
  return db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function listTeams(db: Db, workspaceId: string): Promise<TeamRow[]> {
  return db.selectFrom('teams').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').orderBy('id').execute();
}

export async function updateTeam(db: Db, workspaceId: string, id: string, patch: Pick<TeamRow, 'name' | 'updated_at'>): Promise<void> {
  await db.updateTable('teams').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** The team's memberships and team canned responses go with it (the foreign keys cascade). */
export async function deleteTeam(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('teams').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** Members of some teams of one workspace, team by team, in the order they joined. */
export async function membersOf(db: Db, workspaceId: string, teamIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return out;
  const rows = await db
    .selectFrom('team_members')
    .select(['team_id', 'operator_id'])
    .where('workspace_id', '=', workspaceId)
    .where('team_id', 'in', teamIds)
    .orderBy('created_at')
    .orderBy('operator_id')
    .execute();
  for (const r of rows) out.get(r.team_id)?.push(r.operator_id);
  return out;
}

/** Every membership of a workspace: what the canned response search keeps in memory. */
export async function allMemberships(db: Db, workspaceId: string): Promise<{ team_id: string; operator_id: string }[]> {
  return db.selectFrom('team_members').select(['team_id', 'operator_id']).where('workspace_id', '=', workspaceId).execute();
}

export async function teamIdsOf(db: Db, workspaceId: string, operatorId: string): Promise<string[]> {
  const rows = await db.selectFrom('team_members').select('team_id').where('workspace_id', '=', workspaceId).where('operator_id', '=', operatorId).execute();
  return rows.map((r) => r.team_id);
}

export async function addMember(db: Db, row: Selectable<TeamMemberTable>): Promise<boolean> {
  const r = await db
    .insertInto('team_members')
    .values(row)
    .onConflict((oc) => oc.columns(['team_id', 'operator_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function removeMember(db: Db, workspaceId: string, teamId: string, operatorId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('team_members')
    .where('workspace_id', '=', workspaceId)
    .where('team_id', '=', teamId)
    .where('operator_id', '=', operatorId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
