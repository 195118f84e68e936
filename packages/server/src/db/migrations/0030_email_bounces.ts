import type { Kysely } from 'kysely';

/**
 * Bounces of outgoing email (I1): each mail sent with a reply domain leaves
 * with the envelope sender bounce+<token>@<reply domain>, the token random
 * and kept here, so a delivery status notification sent back to it finds its
 * mail even when it quotes none of the mail's headers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('email_messages').addColumn('bounce_token', 'text').execute();
  await db.schema.createIndex('email_messages_bounce_token').unique().on('email_messages').column('bounce_token').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('email_messages_bounce_token').execute();
  await db.schema.alterTable('email_messages').dropColumn('bounce_token').execute();
}
