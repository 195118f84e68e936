/** The SQL of rules and their runs. */
import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { Rule, RuleRun } from './rule.js';
import type { RuleRunTable, RuleTable } from './rule.table.js';

export type RuleRow = Selectable<RuleTable>;
export type RuleRunRow = Selectable<RuleRunTable>;

export const toRule = (r: RuleRow): Rule => ({
  id: r.id,
  workspaceId: r.workspace_id,
  name: r.name,
  position: Number(r.position),
  enabled: Number(r.enabled) === 1,
  event: JSON.parse(r.event),
  conditions: JSON.parse(r.conditions),
  actions: JSON.parse(r.actions),
});

export const toRun = (r: RuleRunRow): RuleRun => ({
  conversationId: r.conversation_id,
  outcome: r.outcome === 'ok' ? 'ok' : 'failed',
  reason: r.reason,
  at: Number(r.at),
});

export async function listRuleRows(db: Db, workspaceId: string): Promise<RuleRow[]> {
  return db.selectFrom('rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('position').orderBy('id').execute();
}

export async function findRuleRow(db: Db, workspaceId: string, id: string): Promise<RuleRow | undefined> {
  return db.selectFrom('rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function insertRule(db: Db, row: RuleRow): Promise<void> {
  await db.insertInto('rules').values(row).execute();
}

export async function updateRule(db: Db, workspaceId: string, id: string, patch: Partial<Omit<RuleRow, 'id' | 'workspace_id'>>): Promise<void> {
  await db.updateTable('rules').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

export async function deleteRule(db: Db, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('rules').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function insertRun(db: Db, row: RuleRunRow): Promise<void> {
  await db.insertInto('rule_runs').values(row).execute();
}

/** Each rule's latest run, and its latest failed one. */
export async function latestRuns(db: Db, workspaceId: string): Promise<Map<string, { last: RuleRunRow; failed: RuleRunRow | null }>> {
  const rows = await db
    .selectFrom('rule_runs')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', (qb) =>
      qb
        .selectFrom('rule_runs as r')
        .select((eb) => eb.fn.max('r.id').as('id'))
        .where('r.workspace_id', '=', workspaceId)
        .groupBy('r.rule_id'),
    )
    .execute();
  return new Map(rows.map((r) => [r.rule_id, { last: r, failed: r.outcome === 'failed' ? r : null }]));
}

/** The rules among these that already ran on the conversation since then. */
export async function ranSince(db: Db, conversationId: string, ruleIds: string[], since: number): Promise<Set<string>> {
  if (ruleIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('rule_runs')
    .select('rule_id')
    .where('conversation_id', '=', conversationId)
    .where('rule_id', 'in', ruleIds)
    .where('at', '>=', since)
    .execute();
  return new Set(rows.map((r) => r.rule_id));
}

/** Since when the visitor has waited for an answer: their first message after the last operator message (null: answered). */
export async function waitingSince(db: Db, conversationId: string): Promise<number | null> {
  const answered = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('conversation_id', '=', conversationId)
    .where('author_kind', '=', 'operator')
    .executeTakeFirst();
  const after = Number(answered?.seq ?? 0);
  const first = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.min('created_at').as('at'))
    .where('conversation_id', '=', conversationId)
    .where('author_kind', '=', 'visitor')
    .where('seq', '>', after)
    .executeTakeFirst();
  return first?.at == null ? null : Number(first.at);
}
