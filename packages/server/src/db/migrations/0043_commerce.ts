import type { Kysely } from 'kysely';

/**
 * Engage and sell (E1–E4), the tables several features share:
 * - `products` and `product_relations`: the workspace's catalogue (E2), keyed
 *   by the shop's own product id; read by rich messages (E2) and product
 *   suggestions (E3).
 * - `triggers` and `trigger_impressions`: proactive messages per inbox (E1)
 *   and each time one was shown to a visitor (and the conversation it
 *   started, if the visitor replied); read by sales attribution (E4).
 * - `purchases`: orders the host site reports through the SDK (E4), each
 *   order id once per workspace; read by product suggestions (E3: bought
 *   together).
 * - `purchase_attributions`: the one touch (a conversation or a trigger shown)
 *   each purchase is attributed to, never twice (E4); read by trigger stats (E1).
 * Money is kept in minor units (cents) with its ISO 4217 currency, as given.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('products')
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    // The shop's own product id (from the CSV or the API), unique per workspace
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('price_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('image_url', 'text')
    .addColumn('page_url', 'text')
    .addColumn('category', 'text')
    // JSON array of strings
    .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
    // in_stock | out_of_stock | preorder
    .addColumn('stock', 'text', (c) => c.notNull().defaultTo('in_stock'))
    // JSON object: attribute name -> text or number (compared side by side in comparison cards)
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('products_pk', ['workspace_id', 'id'])
    .execute();
  await db.schema.createIndex('products_category').on('products').columns(['workspace_id', 'category', 'price_minor']).execute();
  await db.schema.createIndex('products_name').on('products').columns(['workspace_id', 'name']).execute();
  await db.schema
    .createTable('product_relations')
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('product_id', 'text', (c) => c.notNull())
    .addColumn('related_id', 'text', (c) => c.notNull())
    // accessory | alternative
    .addColumn('kind', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('product_relations_pk', ['workspace_id', 'product_id', 'kind', 'related_id'])
    .execute();
  await db.schema.createIndex('product_relations_related').on('product_relations').columns(['workspace_id', 'related_id']).execute();

  await db.schema
    .createTable('triggers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('inbox_id', 'text', (c) => c.notNull().references('inboxes.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    // JSON: the trigger's conditions, all of which must hold (trigger feature's schema)
    .addColumn('conditions', 'text', (c) => c.notNull())
    // JSON: the message variants ({ a: { <lang>: text }, b?: … }) and the A/B split
    .addColumn('messages', 'text', (c) => c.notNull())
    // JSON: who the message is from ({ kind: 'operator', operatorId } | { kind: 'team', teamId } | { kind: 'bot' })
    .addColumn('sender', 'text', (c) => c.notNull())
    .addColumn('delay_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON: the frequency cap ({ per: 'visitor' | 'visit' | 'days', days? })
    .addColumn('frequency', 'text', (c) => c.notNull())
    // always | operators_available | business_hours
    .addColumn('only_when', 'text', (c) => c.notNull().defaultTo('always'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('triggers_inbox').on('triggers').columns(['inbox_id', 'position']).execute();
  await db.schema
    .createTable('trigger_impressions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('inbox_id', 'text', (c) => c.notNull())
    .addColumn('trigger_id', 'text', (c) => c.notNull())
    // a | b: the A/B variant shown
    .addColumn('variant', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text')
    .addColumn('shown_at', 'bigint', (c) => c.notNull())
    // Set when the visitor replied: the conversation the trigger's message started
    .addColumn('conversation_id', 'text')
    .execute();
  await db.schema.createIndex('trigger_impressions_visitor').on('trigger_impressions').columns(['workspace_id', 'visitor_id', 'shown_at']).execute();
  await db.schema.createIndex('trigger_impressions_trigger').on('trigger_impressions').columns(['trigger_id', 'shown_at']).execute();

  await db.schema
    .createTable('purchases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('inbox_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text')
    // The shop's order id: counted once per workspace
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('value_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    // JSON [{ productId, quantity, priceMinor? }]
    .addColumn('items', 'text', (c) => c.notNull().defaultTo('[]'))
    // 1 when an HMAC of the order id was checked
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('purchases_order').on('purchases').columns(['workspace_id', 'order_id']).unique().execute();
  await db.schema.createIndex('purchases_visitor').on('purchases').columns(['workspace_id', 'visitor_id', 'created_at']).execute();
  await db.schema.createIndex('purchases_time').on('purchases').columns(['workspace_id', 'created_at']).execute();
  await db.schema
    .createTable('purchase_attributions')
    .addColumn('purchase_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('inbox_id', 'text', (c) => c.notNull())
    // chat | trigger: what the purchase is attributed to
    .addColumn('touch', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    // The operator credited (the last one who replied in the conversation)
    .addColumn('operator_id', 'text')
    .addColumn('team_id', 'text')
    .addColumn('trigger_id', 'text')
    .addColumn('trigger_variant', 'text')
    // last_touch (the rule the reports state)
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('touched_at', 'bigint', (c) => c.notNull())
    // Copied from the purchase so reports read one table
    .addColumn('value_minor', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('purchased_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('purchase_attributions_time').on('purchase_attributions').columns(['workspace_id', 'purchased_at']).execute();
  await db.schema.createIndex('purchase_attributions_trigger').on('purchase_attributions').columns(['trigger_id', 'purchased_at']).execute();
  await db.schema.createIndex('purchase_attributions_conversation').on('purchase_attributions').column('conversation_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['purchase_attributions', 'purchases', 'trigger_impressions', 'triggers', 'product_relations', 'products']) {
    await db.schema.dropTable(t).execute();
  }
}
