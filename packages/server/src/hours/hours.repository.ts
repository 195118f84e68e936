import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { OperatorShifts, TeamHours } from './hours.js';
import type { OperatorShiftsTable, TeamHoursTable } from './hours.table.js';

type TeamHoursRow = Selectable<TeamHoursTable>;
type OperatorShiftsRow = Selectable<OperatorShiftsTable>;

const toTeamHours = (r: TeamHoursRow): TeamHours => ({
  teamId: r.team_id,
  workspaceId: r.workspace_id,
  timeZone: r.time_zone,
  weekly: JSON.parse(r.weekly),
  holidays: JSON.parse(r.holidays),
  updatedAt: r.updated_at,
});

const toOperatorShifts = (r: OperatorShiftsRow): OperatorShifts => ({
  operatorId: r.operator_id,
  workspaceId: r.workspace_id,
  timeZone: r.time_zone,
  weekly: JSON.parse(r.weekly),
  exceptions: JSON.parse(r.exceptions),
  updatedAt: r.updated_at,
});

export async function findTeamHours(db: Db, workspaceId: string, teamId: string): Promise<TeamHours | undefined> {
  const r = await db.selectFrom('team_hours').selectAll().where('workspace_id', '=', workspaceId).where('team_id', '=', teamId).executeTakeFirst();
  return r && toTeamHours(r);
}

export async function listTeamHours(db: Db, workspaceId: string): Promise<TeamHours[]> {
  return (await db.selectFrom('team_hours').selectAll().where('workspace_id', '=', workspaceId).execute()).map(toTeamHours);
}

export async function saveTeamHours(db: Db, h: TeamHours): Promise<void> {
  const row: TeamHoursRow = {
    team_id: h.teamId,
    workspace_id: h.workspaceId,
    time_zone: h.timeZone,
    weekly: JSON.stringify(h.weekly),
    holidays: JSON.stringify(h.holidays),
    updated_at: h.updatedAt,
  };
  const { team_id: _, ...patch } = row;
  await db
    .insertInto('team_hours')
    .values(row)
    .onConflict((oc) => oc.column('team_id').doUpdateSet(patch))
    .execute();
}

export async function deleteTeamHours(db: Db, workspaceId: string, teamId: string): Promise<boolean> {
  const r = await db.deleteFrom('team_hours').where('workspace_id', '=', workspaceId).where('team_id', '=', teamId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function findOperatorShifts(db: Db, workspaceId: string, operatorId: string): Promise<OperatorShifts | undefined> {
  const r = await db.selectFrom('operator_shifts').selectAll().where('workspace_id', '=', workspaceId).where('operator_id', '=', operatorId).executeTakeFirst();
  return r && toOperatorShifts(r);
}

/** The shifts of some operators of a workspace (those without a schedule are left out); all of them when `operatorIds` is omitted. */
export async function listOperatorShifts(db: Db, workspaceId: string, operatorIds?: string[]): Promise<OperatorShifts[]> {
  if (operatorIds?.length === 0) return [];
  let q = db.selectFrom('operator_shifts').selectAll().where('workspace_id', '=', workspaceId);
  if (operatorIds) q = q.where('operator_id', 'in', operatorIds);
  return (await q.execute()).map(toOperatorShifts);
}

export async function saveOperatorShifts(db: Db, s: OperatorShifts): Promise<void> {
  const row: OperatorShiftsRow = {
    operator_id: s.operatorId,
    workspace_id: s.workspaceId,
    time_zone: s.timeZone,
    weekly: JSON.stringify(s.weekly),
    exceptions: JSON.stringify(s.exceptions),
    updated_at: s.updatedAt,
  };
  const { operator_id: _, ...patch } = row;
  await db
    .insertInto('operator_shifts')
    .values(row)
    .onConflict((oc) => oc.column('operator_id').doUpdateSet(patch))
    .execute();
}

export async function deleteOperatorShifts(db: Db, workspaceId: string, operatorId: string): Promise<boolean> {
  const r = await db.deleteFrom('operator_shifts').where('workspace_id', '=', workspaceId).where('operator_id', '=', operatorId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
