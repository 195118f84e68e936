/** Settings → Rules: list, create, change, reorder, delete; each change recompiles the workspace's rules on every node. */
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { checkReferences, refuse } from './check.js';
import type { RulesEngine } from './engine.js';
import type { z } from 'zod';
import { ruleInput, type RuleDto, type RuleInput, type ruleUpdate } from './rule.js';
import * as repo from './rule.repository.js';

export async function listRules(ctx: Context, actor: Operator): Promise<RuleDto[]> {
  authorize(actor, 'rule.view');
  const [rows, runs] = await Promise.all([repo.listRuleRows(ctx.db, actor.workspaceId), repo.latestRuns(ctx.db, actor.workspaceId)]);
  return rows.map((r) => {
    const run = runs.get(r.id);
    return { ...repo.toRule(r), lastRun: run ? repo.toRun(run.last) : null, lastError: run?.failed ? repo.toRun(run.failed) : null };
  });
}

async function present(ctx: Context, actor: Operator, id: string): Promise<RuleDto> {
  const rule = (await listRules(ctx, actor)).find((r) => r.id === id);
  if (!rule) throw notFound('Rule');
  return rule;
}

export async function createRule(ctx: Context, engine: RulesEngine, actor: Operator, input: RuleInput): Promise<RuleDto> {
  authorize(actor, 'rule.manage');
  refuse(await checkReferences(ctx, actor.workspaceId, input.conditions, input.actions));
  const rows = await repo.listRuleRows(ctx.db, actor.workspaceId);
  const now = ctx.now();
  const id = newId();
  await repo.insertRule(ctx.db, {
    id,
    workspace_id: actor.workspaceId,
    name: input.name,
    position: rows.reduce((m, r) => Math.max(m, Number(r.position)), -1) + 1,
    enabled: input.enabled ? 1 : 0,
    event: JSON.stringify(input.event),
    conditions: JSON.stringify(input.conditions),
    actions: JSON.stringify(input.actions),
    created_at: now,
    updated_at: now,
  });
  await engine.changed(actor.workspaceId);
  return present(ctx, actor, id);
}

export async function updateRule(ctx: Context, engine: RulesEngine, actor: Operator, id: string, patch: z.infer<typeof ruleUpdate>): Promise<RuleDto> {
  authorize(actor, 'rule.manage');
  const row = await repo.findRuleRow(ctx.db, actor.workspaceId, id);
  if (!row) throw notFound('Rule');
  const current = repo.toRule(row);
  const next = ruleInput.parse({ ...current, ...patch });
  // Only what is being changed is checked: a rule whose team was deleted since can still be turned off or renamed.
  if (patch.conditions || patch.actions) refuse(await checkReferences(ctx, actor.workspaceId, next.conditions, next.actions));
  await repo.updateRule(ctx.db, actor.workspaceId, id, {
    name: next.name,
    enabled: next.enabled ? 1 : 0,
    event: JSON.stringify(next.event),
    conditions: JSON.stringify(next.conditions),
    actions: JSON.stringify(next.actions),
    updated_at: ctx.now(),
  });
  await engine.changed(actor.workspaceId);
  return present(ctx, actor, id);
}

export async function deleteRule(ctx: Context, engine: RulesEngine, actor: Operator, id: string): Promise<void> {
  authorize(actor, 'rule.manage');
  await ctx.db.deleteFrom('rule_runs').where('workspace_id', '=', actor.workspaceId).where('rule_id', '=', id).execute();
  if (!(await repo.deleteRule(ctx.db, actor.workspaceId, id))) throw notFound('Rule');
  await engine.changed(actor.workspaceId);
}

/** The rules in this order (every rule of the workspace, each once). */
export async function reorderRules(ctx: Context, engine: RulesEngine, actor: Operator, ids: string[]): Promise<RuleDto[]> {
  authorize(actor, 'rule.manage');
  const rows = await repo.listRuleRows(ctx.db, actor.workspaceId);
  const known = new Set(rows.map((r) => r.id));
  if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((i) => !known.has(i))) {
    refuse([{ path: 'ids', code: 'not_every_rule', message: 'List every rule of the workspace once' }]);
  }
  const now = ctx.now();
  await ctx.db.transaction().execute(async (trx) => {
    for (const [position, id] of ids.entries()) await repo.updateRule(trx, actor.workspaceId, id, { position, updated_at: now });
  });
  await engine.changed(actor.workspaceId);
  return listRules(ctx, actor);
}
