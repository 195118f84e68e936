import type { Kysely } from 'kysely';

/**
 * Visitors' events from the host site (`Switchboard('track', name, data)`):
 * "signed up", "added to cart" with a value…, shown to operators with the
 * visitor's pages and kept as long as visits (visitor/visit-retention.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('visitor_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // A flat JSON object of text, numbers and booleans, or null.
    .addColumn('data', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // A visitor's events, newest first, keyset paged.
  await db.schema.createIndex('visitor_events_visitor_created').on('visitor_events').columns(['visitor_id', 'created_at', 'id']).execute();
  // Retention: events older than the visits kept.
  await db.schema.createIndex('visitor_events_created').on('visitor_events').column('created_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('visitor_events').execute();
}
