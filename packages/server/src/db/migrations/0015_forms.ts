import type { Kysely } from 'kysely';

/**
 * Consents visitors give in an inbox's pre-chat form: who (the contact and
 * the visitor), the text they were shown in their language, and when. Kept
 * as rows, not on the contact, so every consent stays on record when the
 * text changes or the visitor ticks it again; operators see the latest one
 * beside the conversation. The team a visitor chooses and the offline
 * message's "waiting for an email reply" are columns of conversations since
 * migration 0009.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('contact_consents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('contact_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull())
    .addColumn('inbox_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('given_at', 'bigint', (c) => c.notNull())
    .execute();
  // A contact's consents, latest first (the contact card shows the latest).
  await db.schema.createIndex('contact_consents_contact').on('contact_consents').columns(['contact_id', 'given_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('contact_consents').execute();
}
