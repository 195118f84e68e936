/** Storage of triggers and their impressions (Kysely; every query scoped to the workspace). */
import type { Db } from '../db/database.js';
import '../sales/purchase.table.js';
import type { TriggerImpressionRow, TriggerRow } from './trigger.table.js';
import './trigger.table.js';

export async function listTriggerRows(db: Db, workspaceId: string, inboxId: string, enabledOnly = false): Promise<TriggerRow[]> {
  let q = db.selectFrom('triggers').selectAll().where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId);
  if (enabledOnly) q = q.where('enabled', '=', 1);
  return q.orderBy('position').orderBy('created_at').execute();
}

export async function findTriggerRow(db: Db, workspaceId: string, id: string): Promise<TriggerRow | undefined> {
  return db.selectFrom('triggers').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function insertTrigger(db: Db, row: TriggerRow): Promise<void> {
  await db.insertInto('triggers').values(row).execute();
}

export async function updateTriggerRow(db: Db, workspaceId: string, id: string, patch: Partial<Omit<TriggerRow, 'id' | 'workspace_id'>>): Promise<void> {
  await db.updateTable('triggers').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}

/** The trigger and its impressions go together (purchases attributed to it keep its id for the sales reports). */
export async function deleteTriggerRow(db: Db, workspaceId: string, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('trigger_impressions').where('workspace_id', '=', workspaceId).where('trigger_id', '=', id).execute();
    await trx.deleteFrom('triggers').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
  });
}

/** Whether an inbox has an enabled trigger (the loader's flag). */
export async function inboxHasTriggers(db: Db, inboxId: string): Promise<boolean> {
  return !!(await db.selectFrom('triggers').select('id').where('inbox_id', '=', inboxId).where('enabled', '=', 1).limit(1).executeTakeFirst());
}

export async function nextPosition(db: Db, workspaceId: string, inboxId: string): Promise<number> {
  const r = await db
    .selectFrom('triggers')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('workspace_id', '=', workspaceId)
    .where('inbox_id', '=', inboxId)
    .executeTakeFirst();
  return r?.max === null || r?.max === undefined ? 0 : Number(r.max) + 1;
}

/** The visitor's latest impression of a trigger (in one visit, when given): what the frequency cap looks at. */
export async function latestImpression(
  db: Db,
  workspaceId: string,
  triggerId: string,
  visitorId: string,
  visitId?: string,
): Promise<TriggerImpressionRow | undefined> {
  let q = db
    .selectFrom('trigger_impressions')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('visitor_id', '=', visitorId)
    .where('trigger_id', '=', triggerId);
  if (visitId !== undefined) q = q.where('visit_id', '=', visitId);
  return q.orderBy('shown_at', 'desc').limit(1).executeTakeFirst();
}

export async function insertImpression(db: Db, row: TriggerImpressionRow): Promise<void> {
  await db.insertInto('trigger_impressions').values(row).execute();
}

export async function findImpression(db: Db, workspaceId: string, id: string): Promise<TriggerImpressionRow | undefined> {
  return db.selectFrom('trigger_impressions').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

/** Links the impression to the conversation it started, once: false when it already has one. */
export async function setImpressionConversation(db: Db, id: string, conversationId: string): Promise<boolean> {
  const r = await db
    .updateTable('trigger_impressions')
    .set({ conversation_id: conversationId })
    .where('id', '=', id)
    .where('conversation_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface VariantCounts {
  triggerId: string;
  variant: 'a' | 'b';
  shown: number;
  replied: number;
}

export async function impressionCounts(db: Db, workspaceId: string, triggerIds: string[]): Promise<VariantCounts[]> {
  if (triggerIds.length === 0) return [];
  const rows = await db
    .selectFrom('trigger_impressions')
    .select((eb) => ['trigger_id', 'variant', eb.fn.countAll().as('shown'), eb.fn.count('conversation_id').as('replied')])
    .where('workspace_id', '=', workspaceId)
    .where('trigger_id', 'in', triggerIds)
    .groupBy(['trigger_id', 'variant'])
    .execute();
  return rows.map((r) => ({ triggerId: r.trigger_id, variant: r.variant, shown: Number(r.shown), replied: Number(r.replied) }));
}

export interface VariantPurchases {
  triggerId: string;
  variant: string | null;
  currency: string;
  purchases: number;
  valueMinor: number;
}

export async function purchaseCounts(db: Db, workspaceId: string, triggerIds: string[]): Promise<VariantPurchases[]> {
  if (triggerIds.length === 0) return [];
  const rows = await db
    .selectFrom('purchase_attributions')
    .select((eb) => ['trigger_id', 'trigger_variant', 'currency', eb.fn.countAll().as('purchases'), eb.fn.sum('value_minor').as('value')])
    .where('workspace_id', '=', workspaceId)
    .where('trigger_id', 'in', triggerIds)
    .groupBy(['trigger_id', 'trigger_variant', 'currency'])
    .execute();
  return rows.map((r) => ({
    triggerId: r.trigger_id as string,
    variant: r.trigger_variant,
    currency: r.currency,
    purchases: Number(r.purchases),
    valueMinor: Number(r.value),
  }));
}
