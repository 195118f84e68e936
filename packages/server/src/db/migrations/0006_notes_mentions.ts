import type { Kysely } from 'kysely';

/**
 * Private notes, the mentions in them, and each operator's own preferences
 * (when to go away while idle). Notes are not messages: they have their own
 * sequence per conversation (`note_seq`, unique, so two notes written at once
 * cannot take the same number) and never a message sequence number.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('notes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('note_seq', 'bigint', (c) => c.notNull())
    .addColumn('after_seq', 'bigint', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('mentions', 'text', (c) => c.notNull())
    .addColumn('client_id', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  // Lists a conversation's notes in order (and resumes after one); gives out each number once.
  await db.schema.createIndex('notes_conversation_seq').on('notes').columns(['conversation_id', 'note_seq']).unique().execute();
  // Sending the same client id twice stores one note (NULLs never collide).
  await db.schema.createIndex('notes_client_id').on('notes').columns(['conversation_id', 'client_id']).unique().execute();

  await db.schema
    .createTable('mentions')
    .addColumn('note_id', 'text', (c) => c.notNull().references('notes.id'))
    .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('seen_at', 'bigint')
    .addPrimaryKeyConstraint('mentions_pk', ['note_id', 'operator_id'])
    .execute();
  // The Mentions view, its count and "seen": an operator's unseen mentions, by conversation, newest last in each.
  await db.schema.createIndex('mentions_unseen').on('mentions').columns(['workspace_id', 'operator_id', 'seen_at', 'conversation_id', 'created_at']).execute();

  await db.schema
    .createTable('operator_preferences')
    .addColumn('operator_id', 'text', (c) => c.primaryKey().references('operators.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('away_after_minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('operator_preferences').execute();
  await db.schema.dropTable('mentions').execute();
  await db.schema.dropTable('notes').execute();
}
