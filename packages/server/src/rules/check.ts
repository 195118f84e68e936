/** A rule's references checked on save: teams, labels, inboxes and contact attributes that exist in the workspace. */
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import type { Condition, RuleAction } from './rule.js';

export interface RuleProblem {
  path: string;
  /** Stable: unknown_team, unknown_label, unknown_inbox, unknown_attribute, not_every_rule. */
  code: 'unknown_team' | 'unknown_label' | 'unknown_inbox' | 'unknown_attribute' | 'not_every_rule';
  message: string;
}

const ids = async (ctx: Context, table: 'teams' | 'labels' | 'inboxes', workspaceId: string, wanted: string[]) => {
  if (wanted.length === 0) return new Set<string>();
  const rows = await ctx.db.selectFrom(table).select('id').where('workspace_id', '=', workspaceId).where('id', 'in', wanted).execute();
  return new Set(rows.map((r) => r.id));
};

export async function checkReferences(ctx: Context, workspaceId: string, conditions: Condition[], actions: RuleAction[]): Promise<RuleProblem[]> {
  const refs: { path: string; kind: 'team' | 'label' | 'inbox' | 'attribute'; id: string }[] = [];
  conditions.forEach((c, i) => {
    if (c.field === 'team' && c.teamId) refs.push({ path: `conditions.${i}.teamId`, kind: 'team', id: c.teamId });
    if (c.field === 'label') refs.push({ path: `conditions.${i}.labelId`, kind: 'label', id: c.labelId });
    if (c.field === 'inbox') refs.push({ path: `conditions.${i}.inboxId`, kind: 'inbox', id: c.inboxId });
    if (c.field === 'attribute') refs.push({ path: `conditions.${i}.key`, kind: 'attribute', id: c.key });
  });
  actions.forEach((a, i) => {
    if (a.type === 'assign_team') refs.push({ path: `actions.${i}.teamId`, kind: 'team', id: a.teamId });
    if (a.type === 'add_label') refs.push({ path: `actions.${i}.labelId`, kind: 'label', id: a.labelId });
  });
  const of = (kind: string) => refs.filter((r) => r.kind === kind).map((r) => r.id);
  const attrs = of('attribute').length
    ? new Set((await ctx.db.selectFrom('contact_attributes').select('key').where('workspace_id', '=', workspaceId).execute()).map((r) => r.key))
    : new Set<string>();
  const known = {
    team: await ids(ctx, 'teams', workspaceId, of('team')),
    label: await ids(ctx, 'labels', workspaceId, of('label')),
    inbox: await ids(ctx, 'inboxes', workspaceId, of('inbox')),
    attribute: attrs,
  };
  const words = { team: 'team', label: 'label', inbox: 'inbox', attribute: 'contact attribute' };
  return refs
    .filter((r) => !known[r.kind].has(r.id))
    .map((r) => ({ path: r.path, code: `unknown_${r.kind}` as const, message: `Unknown ${words[r.kind]}: ${r.id}` }));
}

export function refuse(problems: RuleProblem[]): void {
  if (problems.length) throw new AppError('validation_failed', problems[0]!.message, { details: problems });
}
