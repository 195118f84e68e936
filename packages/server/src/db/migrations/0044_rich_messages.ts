import type { Kysely } from 'kysely';

/**
 * Rich messages (E2): a message may carry a product card, a carousel, a
 * comparison card or quick replies (`messages.rich`, JSON RichContent: the
 * snapshot made when it was sent; `body` keeps its plain-text rendering), and
 * what visitors click in them is logged in `rich_clicks`.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').addColumn('rich', 'text').execute();
  await db.schema
    .createTable('rich_clicks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    // The product clicked (view, choose), or null
    .addColumn('product_id', 'text')
    // The quick-reply option chosen (quick_reply), or null
    .addColumn('option_id', 'text')
    // view | choose | quick_reply
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rich_clicks_message').on('rich_clicks').columns(['message_id', 'created_at']).execute();
  await db.schema.createIndex('rich_clicks_conversation').on('rich_clicks').columns(['conversation_id']).execute();
  await db.schema.createIndex('rich_clicks_product').on('rich_clicks').columns(['workspace_id', 'product_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rich_clicks').execute();
  await db.schema.alterTable('messages').dropColumn('rich').execute();
}
