import type { Kysely } from 'kysely';

/** Uploads never sent with a message are found by age, for the daily clean-up. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('attachments_unattached').on('attachments').columns(['message_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('attachments_unattached').execute();
}
