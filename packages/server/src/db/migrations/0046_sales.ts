import type { Kysely } from 'kysely';

/**
 * Sales attribution (E4):
 * - `sales_settings`: per workspace, the attribution window, the report
 *   currency, the exchange rates the admin sets (JSON currency -> rate to the
 *   report currency) and the goals (revenue per month in minor units of the
 *   report currency; conversion rate in basis points, 1 % = 100).
 * - `sales_inbox_settings`: "Require signed purchases" per inbox (a purchase
 *   must carry an HMAC of its order id under the inbox's identity secret).
 * - An index for the reports' denominator: conversations with an operator
 *   reply in a period.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('sales_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('attribution_window_days', 'integer', (c) => c.notNull().defaultTo(7))
    .addColumn('report_currency', 'text', (c) => c.notNull().defaultTo('USD'))
    // JSON { "EUR": 1.08, … }: one unit of the currency is worth this many units of the report currency
    .addColumn('rates', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('revenue_goal_minor', 'bigint')
    .addColumn('conversion_goal_bp', 'integer')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('sales_inbox_settings')
    .addColumn('inbox_id', 'text', (c) => c.primaryKey().references('inboxes.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('require_signed_purchases', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sales_inbox_settings_workspace').on('sales_inbox_settings').column('workspace_id').execute();
  await db.schema.createIndex('sales_messages_author_time').on('messages').columns(['workspace_id', 'author_kind', 'created_at']).execute();
  // The contact's other devices: a purchase by the same contact is attributed to their chats too.
  await db.schema.createIndex('sales_visitors_contact').on('visitors').column('contact_id').execute();
  await db.schema.createIndex('sales_trigger_impressions_conversation').on('trigger_impressions').column('conversation_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('sales_trigger_impressions_conversation').execute();
  await db.schema.dropIndex('sales_visitors_contact').execute();
  await db.schema.dropIndex('sales_messages_author_time').execute();
  await db.schema.dropTable('sales_inbox_settings').execute();
  await db.schema.dropTable('sales_settings').execute();
}
