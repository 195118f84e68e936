import { type Kysely, sql } from 'kysely';

/**
 * Privacy of the email and webhook data (issue 12): the indexes of the
 * queries that forget it. The hourly sweep finds the webhook deliveries past
 * their 30 days and the mails whose bodies are no longer needed; deleting a
 * contact finds the mails and reply addresses of its email address.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Maintenance: deliveries (and their attempts) older than the log keeps.
  await db.schema.createIndex('webhook_deliveries_created').on('webhook_deliveries').column('created_at').execute();
  // Maintenance: the mails that still hold a body, by their last change.
  await db.schema.createIndex('email_messages_body_kept').on('email_messages').column('updated_at').where(sql<boolean>`body_text is not null`).execute();
  // Deleting a contact: the mails to its address, and its reply addresses.
  await db.schema.createIndex('email_messages_recipient').on('email_messages').columns(['workspace_id', 'recipient']).execute();
  await db.schema.createIndex('email_threads_email').on('email_threads').columns(['workspace_id', 'email']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const i of ['email_threads_email', 'email_messages_recipient', 'email_messages_body_kept', 'webhook_deliveries_created']) {
    await db.schema.dropIndex(i).execute();
  }
}
