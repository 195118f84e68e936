import type { Kysely } from 'kysely';

/**
 * Knowing who the visitor is and what became of their conversations: a
 * contact's own fields (phone, company, avatar, typed custom attributes,
 * labels), the identity a host site vouches for (`external_id`, set only with
 * a valid identity hash, and when it was verified), where a merged contact
 * went; on conversations the team a visitor chose, when an operator first
 * answered (for reports and the expected reply time), the visitor's rating,
 * when the visitor ended it, and whether the visitor left it as an offline
 * message and waits for the reply by email; each inbox's identity secret.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const column of ['phone', 'company', 'avatar_url', 'external_id', 'merged_into']) {
    await db.schema.alterTable('contacts').addColumn(column, 'text').execute();
  }
  await db.schema
    .alterTable('contacts')
    .addColumn('attributes', 'text', (c) => c.notNull().defaultTo('{}'))
    .execute();
  await db.schema
    .alterTable('contacts')
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('contacts').addColumn('verified_at', 'bigint').execute();
  await db.schema.alterTable('contacts').addColumn('last_seen_at', 'bigint').execute();
  // One contact per identity the host site gives (NULLs never collide).
  await db.schema.createIndex('contacts_external_id').on('contacts').columns(['workspace_id', 'external_id']).unique().execute();
  await db.schema.createIndex('contacts_email').on('contacts').columns(['workspace_id', 'email']).execute();

  await db.schema.alterTable('conversations').addColumn('team_id', 'text').execute();
  for (const column of ['first_response_at', 'rated_at', 'ended_at']) {
    await db.schema.alterTable('conversations').addColumn(column, 'bigint').execute();
  }
  await db.schema.alterTable('conversations').addColumn('rating', 'integer').execute();
  await db.schema.alterTable('conversations').addColumn('rating_comment', 'text').execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('awaiting_email_reply', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // A contact's history across conversations, newest first (it replaces the index on contact_id alone).
  await db.schema.dropIndex('conversations_contact').execute();
  await db.schema.createIndex('conversations_contact_created').on('conversations').columns(['contact_id', 'created_at']).execute();

  await db.schema.alterTable('inboxes').addColumn('identity_secret', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_contact_created').execute();
  await db.schema.createIndex('conversations_contact').on('conversations').column('contact_id').execute();
  for (const c of ['team_id', 'first_response_at', 'rated_at', 'ended_at', 'rating', 'rating_comment', 'awaiting_email_reply']) {
    await db.schema.alterTable('conversations').dropColumn(c).execute();
  }
  await db.schema.dropIndex('contacts_email').execute();
  await db.schema.dropIndex('contacts_external_id').execute();
  for (const c of ['phone', 'company', 'avatar_url', 'external_id', 'merged_into', 'attributes', 'labels', 'verified_at', 'last_seen_at']) {
    await db.schema.alterTable('contacts').dropColumn(c).execute();
  }
  await db.schema.alterTable('inboxes').dropColumn('identity_secret').execute();
}
