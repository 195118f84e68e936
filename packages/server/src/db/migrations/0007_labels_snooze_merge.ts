import type { Kysely } from 'kysely';

/**
 * Labels on conversations, snoozing, and merging two conversations: the
 * workspace's labels, which conversation has which (a join table for the
 * label filter, and the ids again on the conversation so a summary needs no
 * join), when a snoozed conversation wakes, and where a merged one went.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('labels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', 'text', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('labels_workspace_name').on('labels').columns(['workspace_id', 'name_key']).unique().execute();

  await db.schema
    .createTable('conversation_labels')
    .addColumn('conversation_id', 'text', (c) => c.notNull().references('conversations.id'))
    .addColumn('label_id', 'text', (c) => c.notNull().references('labels.id'))
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('conversation_labels_pk', ['conversation_id', 'label_id'])
    .execute();
  await db.schema.createIndex('conversation_labels_label').on('conversation_labels').columns(['label_id', 'conversation_id']).execute();

  await db.schema
    .alterTable('conversations')
    .addColumn('labels', 'text', (c) => c.notNull().defaultTo('[]'))
    .execute();
  await db.schema.alterTable('conversations').addColumn('snoozed_until', 'bigint').execute();
  await db.schema.alterTable('conversations').addColumn('merged_into', 'text').execute();
  // Snoozed conversations are found by wake time; the wake itself is a durable job.
  await db.schema.createIndex('conversations_snoozed').on('conversations').columns(['workspace_id', 'snoozed_until']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_snoozed').execute();
  for (const c of ['merged_into', 'snoozed_until', 'labels']) await db.schema.alterTable('conversations').dropColumn(c).execute();
  await db.schema.dropTable('conversation_labels').execute();
  await db.schema.dropTable('labels').execute();
}
