import type { Kysely } from 'kysely';

/**
 * Email (I1): a workspace's SMTP settings, email inboxes (an inbox of kind
 * 'email' and the address that reaches it), the per-conversation reply
 * threads (an unguessable token in the reply address) and every mail sent or
 * received with its state (queued, sent, failed, received).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('email_settings')
    .addColumn('workspace_id', 'text', (c) => c.primaryKey())
    .addColumn('smtp_host', 'text')
    .addColumn('smtp_port', 'integer')
    .addColumn('smtp_security', 'text', (c) => c.notNull().defaultTo('starttls'))
    .addColumn('smtp_user', 'text')
    .addColumn('smtp_password', 'text')
    .addColumn('from_address', 'text')
    .addColumn('from_name', 'text')
    .addColumn('reply_domain', 'text')
    .addColumn('unseen_delay_minutes', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('email_inboxes')
    .addColumn('inbox_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('email_threads')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('email_threads_conversation').on('email_threads').columns(['conversation_id', 'email']).unique().execute();

  await db.schema
    .createTable('email_messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('header_message_id', 'text', (c) => c.notNull())
    .addColumn('in_reply_to', 'text')
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('email_messages_header').on('email_messages').column('header_message_id').unique().execute();
  await db.schema.createIndex('email_messages_conversation').on('email_messages').columns(['conversation_id', 'created_at']).execute();
  await db.schema.createIndex('email_messages_message').on('email_messages').column('message_id').execute();
  await db.schema.createIndex('email_messages_workspace').on('email_messages').columns(['workspace_id', 'created_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['email_messages', 'email_threads', 'email_inboxes', 'email_settings']) await db.schema.dropTable(t).execute();
}
