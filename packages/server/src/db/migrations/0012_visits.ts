import type { Kysely } from 'kysely';

/**
 * Visitor activity: each visitor's visits (a new one after 30 minutes without
 * activity, or when they come from another site or campaign) with their
 * referrer, UTM parameters and device, and the pages viewed in each, with how
 * long each stayed open. The visitor row counts their visits, which outlive
 * the retention of visits and pages (visitor/visit-retention.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('visits')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('last_activity_at', 'bigint', (c) => c.notNull())
    .addColumn('landing_url', 'text', (c) => c.notNull())
    .addColumn('referrer', 'text')
    .addColumn('utm_source', 'text')
    .addColumn('utm_medium', 'text')
    .addColumn('utm_campaign', 'text')
    .addColumn('utm_term', 'text')
    .addColumn('utm_content', 'text')
    .addColumn('device', 'text')
    .addColumn('browser', 'text')
    .addColumn('browser_version', 'text')
    .addColumn('os', 'text')
    .addColumn('page_views', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // A visitor's latest visit (each page report), newest first.
  await db.schema.createIndex('visits_visitor_started').on('visits').columns(['visitor_id', 'started_at']).execute();
  // Retention: visits that ended long ago.
  await db.schema.createIndex('visits_last_activity').on('visits').column('last_activity_at').execute();

  await db.schema
    .createTable('page_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('visitors.id').onDelete('cascade'))
    .addColumn('visit_id', 'text', (c) => c.notNull().references('visits.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    // The last time the page was known to be open: the next page, a heartbeat, or the disconnect.
    .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
    .execute();
  // The trail of a visitor across visits, newest first, keyset paged.
  await db.schema.createIndex('page_views_visitor_started').on('page_views').columns(['visitor_id', 'started_at', 'id']).execute();
  // The trail of one visit, newest first; retention deletes by visit.
  await db.schema.createIndex('page_views_visit_started').on('page_views').columns(['visit_id', 'started_at', 'id']).execute();

  await db.schema
    .alterTable('visitors')
    .addColumn('visit_count', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('page_views').execute();
  await db.schema.dropTable('visits').execute();
  await db.schema.alterTable('visitors').dropColumn('visit_count').execute();
}
