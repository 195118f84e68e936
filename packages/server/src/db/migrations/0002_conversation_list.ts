import { type Kysely, sql } from 'kysely';

/**
 * The conversation list shows the last message of the visitor or an operator,
 * never a system line, with a paperclip for files, and counts the visitor
 * messages nobody has read or answered. Existing rows are filled in from what
 * they already hold.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversations').addColumn('last_message_seq', 'bigint').execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('last_message_files', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('conversations')
    .addColumn('unread_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update conversations set last_message_seq = last_seq where last_message_at is not null`.execute(db);
  await sql`update conversations set unread_count = (
      select count(*) from messages m
      where m.conversation_id = conversations.id and m.seq > conversations.operator_read_seq and m.author_kind = 'visitor'
    ) where last_author_kind = 'visitor'`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const c of ['unread_count', 'last_message_files', 'last_message_seq']) await db.schema.alterTable('conversations').dropColumn(c).execute();
}
