import type { Kysely } from 'kysely';

/**
 * Identity the host site vouches for. A visitor is verified for a contact
 * only by a valid identity hash (`verified_contact_id`), which is what grants
 * them that contact's history on any device: their `contact_id` alone never
 * does (an operator or a contact merge may change it). An id a visitor
 * claimed without a valid hash is kept on their own contact as unverified
 * data, apart from `external_id`. Inboxes record when their identity secret
 * was made (the secret itself is never answered after that).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('visitors').addColumn('verified_contact_id', 'text').execute();
  // Every device of a verified contact (their widgets hear of the contact's conversations).
  await db.schema.createIndex('visitors_verified_contact').on('visitors').column('verified_contact_id').execute();
  // The visitors verified through an inbox, whose verification ends when its secret is rotated.
  await db.schema.createIndex('visitors_inbox_verified').on('visitors').columns(['inbox_id', 'verified_contact_id']).execute();
  await db.schema.alterTable('contacts').addColumn('claimed_external_id', 'text').execute();
  await db.schema.alterTable('inboxes').addColumn('identity_secret_at', 'bigint').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('visitors_inbox_verified').execute();
  await db.schema.dropIndex('visitors_verified_contact').execute();
  await db.schema.alterTable('visitors').dropColumn('verified_contact_id').execute();
  await db.schema.alterTable('contacts').dropColumn('claimed_external_id').execute();
  await db.schema.alterTable('inboxes').dropColumn('identity_secret_at').execute();
}
