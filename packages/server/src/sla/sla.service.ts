/** SLA policies: list, create, edit, delete (admins), and the policy of an inbox or a team. */
import type { Context } from '../context.js';
import { conflict, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import type { SlaPolicy, SlaPolicyInput } from './sla.js';
import * as repo from './sla.repository.js';

export async function listPolicies(ctx: Context, actor: Operator): Promise<SlaPolicy[]> {
  authorize(actor, 'sla.view');
  return repo.listSlaPolicies(ctx.db, actor.workspaceId);
}

async function ensureFreeName(ctx: Context, workspaceId: string, name: string, except?: string): Promise<void> {
  const taken = (await repo.listSlaPolicies(ctx.db, workspaceId)).some((p) => p.name.toLowerCase() === name.toLowerCase() && p.id !== except);
  if (taken) throw conflict(`An SLA policy named “${name}” exists already`);
}

const columns = (input: SlaPolicyInput) => ({
  name: input.name,
  first_response_seconds: input.firstResponseSeconds,
  next_response_seconds: input.nextResponseSeconds,
  resolution_seconds: input.resolutionSeconds,
  warn_percent: input.warnPercent,
  warn_before_seconds: input.warnBeforeSeconds,
  business_hours: input.businessHours ? 1 : 0,
});

export async function createPolicy(ctx: Context, actor: Operator, input: SlaPolicyInput): Promise<SlaPolicy> {
  authorize(actor, 'sla.manage');
  await ensureFreeName(ctx, actor.workspaceId, input.name);
  const now = ctx.now();
  const row = { id: newId(), workspace_id: actor.workspaceId, ...columns(input), created_at: now, updated_at: now };
  await repo.insertSlaPolicy(ctx.db, row);
  return repo.toSlaPolicy(row);
}

/** Edits apply to targets started from now on; running ones keep their times. */
export async function updatePolicy(ctx: Context, actor: Operator, id: string, input: SlaPolicyInput): Promise<SlaPolicy> {
  authorize(actor, 'sla.manage');
  if (!(await repo.findSlaPolicy(ctx.db, actor.workspaceId, id))) throw notFound('SLA policy');
  await ensureFreeName(ctx, actor.workspaceId, input.name, id);
  await repo.updateSlaPolicy(ctx.db, actor.workspaceId, id, { ...columns(input), updated_at: ctx.now() });
  return (await repo.findSlaPolicy(ctx.db, actor.workspaceId, id))!;
}

export async function deletePolicy(ctx: Context, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'sla.manage');
  if (!(await repo.findSlaPolicy(ctx.db, actor.workspaceId, id))) throw notFound('SLA policy');
  await ctx.db.transaction().execute((trx) => repo.deleteSlaPolicy(trx, actor.workspaceId, id));
}

type Holder = 'inboxes' | 'teams';
const WHAT: Record<Holder, string> = { inboxes: 'Inbox', teams: 'Team' };

export async function getPolicyChoice(ctx: Context, actor: Operator, table: Holder, id: string): Promise<{ policyId: string | null }> {
  authorize(actor, 'sla.view');
  const row = await ctx.db.selectFrom(table).select('sla_policy_id').where('workspace_id', '=', actor.workspaceId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(WHAT[table]);
  return { policyId: row.sla_policy_id };
}

/** The policy of an inbox's or a team's new targets (a rule's choice on a conversation comes first, then the team's, then the inbox's). */
export async function setPolicyChoice(ctx: Context, actor: Operator, table: Holder, id: string, policyId: string | null): Promise<{ policyId: string | null }> {
  authorize(actor, 'sla.manage');
  if (policyId && !(await repo.findSlaPolicy(ctx.db, actor.workspaceId, policyId))) throw notFound('SLA policy');
  const r = await ctx.db
    .updateTable(table)
    .set({ sla_policy_id: policyId })
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound(WHAT[table]);
  return { policyId };
}
