import type { Kysely } from 'kysely';

/**
 * The widget's experience: operators' pictures (behind a random key, the only
 * thing a public address shows), the server's own secrets (the key that signs
 * transcript links to files, made once for every node), and the index that
 * finds an inbox's recent conversations (its expected reply time, who
 * answered lately), and the visitor's conversation list by activity.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('operator_avatars')
    .addColumn('operator_id', 'text', (c) => c.primaryKey().references('operators.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('operator_avatars_workspace').on('operator_avatars').column('workspace_id').execute();

  await db.schema
    .createTable('server_secrets')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.createIndex('conversations_inbox_created').on('conversations').columns(['inbox_id', 'created_at']).execute();
  // The visitor's conversation list in the widget, a page at a time.
  await db.schema.createIndex('conversations_visitor_updated').on('conversations').columns(['visitor_id', 'updated_at', 'id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_visitor_updated').execute();
  await db.schema.dropIndex('conversations_inbox_created').execute();
  await db.schema.dropTable('server_secrets').execute();
  await db.schema.dropTable('operator_avatars').execute();
}
