import type { Kysely } from 'kysely';

/**
 * Inbound email (I1): each workspace's relay secret, the bearer a mail relay
 * posts raw messages to /api/v1/email/inbound with. Only its SHA-256 is kept:
 * the secret itself is shown once, when it is made.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_relay_secrets')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    .addColumn('secret_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_relay_secrets').execute();
}
