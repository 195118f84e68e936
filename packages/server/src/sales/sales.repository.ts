/** Sales storage: settings, purchases and their attribution (every query scoped to the workspace). */
import type { Db } from '../db/database.js';
import '../trigger/trigger.table.js';
import type { PurchaseAttributionTable, PurchaseTable } from './purchase.table.js';
import type { SalesSettingsRow } from './sales.table.js';
import './sales.table.js';

export async function readSettingsRow(db: Db, workspaceId: string): Promise<SalesSettingsRow | undefined> {
  return db.selectFrom('sales_settings').selectAll().where('workspace_id', '=', workspaceId).executeTakeFirst();
}

export async function upsertSettingsRow(db: Db, row: SalesSettingsRow): Promise<void> {
  const { workspace_id, ...rest } = row;
  await db
    .insertInto('sales_settings')
    .values(row)
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet(rest))
    .execute();
}

export async function signedInboxes(db: Db, workspaceId: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('sales_inbox_settings')
    .select('inbox_id')
    .where('workspace_id', '=', workspaceId)
    .where('require_signed_purchases', '=', 1)
    .execute();
  return new Set(rows.map((r) => r.inbox_id));
}

export async function signedPurchasesRequired(db: Db, workspaceId: string, inboxId: string): Promise<boolean> {
  const row = await db
    .selectFrom('sales_inbox_settings')
    .select('require_signed_purchases')
    .where('inbox_id', '=', inboxId)
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return Number(row?.require_signed_purchases ?? 0) === 1;
}

export async function setSignedPurchases(db: Db, workspaceId: string, inboxId: string, on: boolean, now: number): Promise<void> {
  await db
    .insertInto('sales_inbox_settings')
    .values({ inbox_id: inboxId, workspace_id: workspaceId, require_signed_purchases: on ? 1 : 0, updated_at: now })
    .onConflict((oc) => oc.column('inbox_id').doUpdateSet({ require_signed_purchases: on ? 1 : 0, updated_at: now }))
    .execute();
}

/** Inserts the purchase unless its order id is known in the workspace: false when it was (counted once). */
export async function insertPurchase(db: Db, row: PurchaseTable): Promise<boolean> {
  const r = await db
    .insertInto('purchases')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'order_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findPurchaseByOrder(db: Db, workspaceId: string, orderId: string) {
  return db.selectFrom('purchases').selectAll().where('workspace_id', '=', workspaceId).where('order_id', '=', orderId).executeTakeFirst();
}

/** One attribution per purchase (its primary key): a second is ignored. */
export async function insertAttribution(db: Db, row: PurchaseAttributionTable): Promise<boolean> {
  const r = await db
    .insertInto('purchase_attributions')
    .values(row)
    .onConflict((oc) => oc.column('purchase_id').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function findAttribution(db: Db, workspaceId: string, purchaseId: string) {
  return db.selectFrom('purchase_attributions').selectAll().where('purchase_id', '=', purchaseId).where('workspace_id', '=', workspaceId).executeTakeFirst();
}

/** The visitor's contact now, and the other visitors (devices) of that contact. */
export async function visitorsOfSamePerson(db: Db, workspaceId: string, visitorId: string): Promise<{ contactId: string | null; visitorIds: string[] }> {
  const me = await db.selectFrom('visitors').select('contact_id').where('id', '=', visitorId).where('workspace_id', '=', workspaceId).executeTakeFirst();
  const contactId = me?.contact_id ?? null;
  if (!contactId) return { contactId, visitorIds: [visitorId] };
  const others = await db.selectFrom('visitors').select('id').where('contact_id', '=', contactId).where('workspace_id', '=', workspaceId).limit(200).execute();
  return { contactId, visitorIds: [...new Set([visitorId, ...others.map((o) => o.id)])] };
}
