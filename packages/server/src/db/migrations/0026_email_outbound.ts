import type { Kysely } from 'kysely';

/**
 * Outbound email (I1): each queued mail keeps the text and HTML it was
 * composed with (the job that sends it may run after the message changed, or
 * on another node) and its References; operators choose which notifications
 * reach them by mail.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const q of [
    db.schema.alterTable('email_messages').addColumn('body_text', 'text'),
    db.schema.alterTable('email_messages').addColumn('body_html', 'text'),
    db.schema.alterTable('email_messages').addColumn('references_ids', 'text'),
  ]) {
    await q.execute();
  }
  await db.schema
    .createTable('email_preferences')
    .addColumn('operator_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('on_mention', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('on_assignment', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('on_task_due', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('email_preferences').execute();
  for (const c of ['body_text', 'body_html', 'references_ids']) await db.schema.alterTable('email_messages').dropColumn(c).execute();
}
