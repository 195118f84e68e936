import type { Kysely } from 'kysely';

/**
 * Tasks (D4): follow-up reminders on a conversation or a contact, for an
 * operator, due at a time. The due notification is a durable job per task
 * (`task.due`); `notified_due_at` records the due time it last announced, so
 * a job run twice announces once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text')
    .addColumn('contact_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('assignee_id', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('notified_due_at', 'bigint')
    .addColumn('done_at', 'bigint')
    .addColumn('done_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  // Mine (open, by due time), everyone's open or done (by due time, by done time), a conversation's, a contact's.
  await db.schema.createIndex('tasks_assignee').on('tasks').columns(['workspace_id', 'assignee_id', 'status', 'due_at', 'id']).execute();
  await db.schema.createIndex('tasks_status_due').on('tasks').columns(['workspace_id', 'status', 'due_at', 'id']).execute();
  await db.schema.createIndex('tasks_status_done').on('tasks').columns(['workspace_id', 'status', 'done_at', 'id']).execute();
  await db.schema.createIndex('tasks_conversation').on('tasks').columns(['conversation_id', 'status', 'due_at']).execute();
  await db.schema.createIndex('tasks_contact').on('tasks').columns(['contact_id', 'status', 'due_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('tasks').execute();
}
