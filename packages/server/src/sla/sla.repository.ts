import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { SlaPolicy } from './sla.js';
import type { SlaPolicyTable } from './sla.table.js';

export type SlaPolicyRow = Selectable<SlaPolicyTable>;

export const toSlaPolicy = (r: SlaPolicyRow): SlaPolicy => ({
  id: r.id,
  name: r.name,
  firstResponseSeconds: r.first_response_seconds === null ? null : Number(r.first_response_seconds),
  nextResponseSeconds: r.next_response_seconds === null ? null : Number(r.next_response_seconds),
  resolutionSeconds: r.resolution_seconds === null ? null : Number(r.resolution_seconds),
  warnPercent: Number(r.warn_percent),
  warnBeforeSeconds: r.warn_before_seconds === null ? null : Number(r.warn_before_seconds),
  businessHours: Number(r.business_hours) === 1,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export async function listSlaPolicies(db: Db, workspaceId: string): Promise<SlaPolicy[]> {
  const rows = await db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', workspaceId).orderBy('name').execute();
  return rows.map(toSlaPolicy);
}

export async function findSlaPolicy(db: Db, workspaceId: string, id: string): Promise<SlaPolicy | undefined> {
  const r = await db.selectFrom('sla_policies').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return r ? toSlaPolicy(r) : undefined;
}

export async function insertSlaPolicy(db: Db, row: SlaPolicyRow): Promise<void> {
  await db.insertInto('sla_policies').values(row).execute();
}

export async function updateSlaPolicy(db: Db, workspaceId: string, id: string, patch: Partial<SlaPolicyRow>): Promise<void> {
  await db.updateTable('sla_policies').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** Deletes the policy and forgets it wherever it was chosen (running timers keep their times). */
export async function deleteSlaPolicy(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.updateTable('inboxes').set({ sla_policy_id: null }).where('workspace_id', '=', workspaceId).where('sla_policy_id', '=', id).execute();
  await db.updateTable('teams').set({ sla_policy_id: null }).where('workspace_id', '=', workspaceId).where('sla_policy_id', '=', id).execute();
  await db.updateTable('conversations').set({ sla_policy_id: null }).where('workspace_id', '=', workspaceId).where('sla_policy_id', '=', id).execute();
  await db.deleteFrom('sla_policies').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** The policy in force for a conversation: a rule's, else its team's, else its inbox's. */
export async function effectivePolicy(
  db: Db,
  c: { workspace_id: string; sla_policy_id?: string | null; team_id: string | null; inbox_id: string },
): Promise<SlaPolicy | undefined> {
  let id = c.sla_policy_id ?? null;
  if (!id && c.team_id) id = (await db.selectFrom('teams').select('sla_policy_id').where('id', '=', c.team_id).executeTakeFirst())?.sla_policy_id ?? null;
  if (!id) id = (await db.selectFrom('inboxes').select('sla_policy_id').where('id', '=', c.inbox_id).executeTakeFirst())?.sla_policy_id ?? null;
  return id ? findSlaPolicy(db, c.workspace_id, id) : undefined;
}
