import type { Kysely } from 'kysely';

/**
 * Send later: replies an operator wrote to go out at a time. Each has its
 * durable job (`message.send_scheduled`); the row says what became of it, for
 * the conversation's list of scheduled messages and for cancelling.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('scheduled_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('author_id', 'text', (c) => c.notNull().references('operators.id'))
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('send_at', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('message_seq', 'bigint')
    .addColumn('client_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // A conversation's scheduled messages by status, in sending order.
  await db.schema.createIndex('scheduled_conversation').on('scheduled_messages').columns(['conversation_id', 'status', 'send_at']).execute();
  // Scheduling with the same client id twice stores one (NULLs never collide).
  await db.schema.createIndex('scheduled_client_id').on('scheduled_messages').columns(['conversation_id', 'client_id']).unique().execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('scheduled_messages').execute();
}
