import { type Kysely, SqliteAdapter, sql } from 'kysely';

const onSqlite = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof SqliteAdapter;

/**
 * The inbox's view counts under a label filter, from the label rows alone. A
 * label row carries its conversation's status and assignee, so each count is
 * a walk of one index however many conversations the workspace holds (the
 * join it replaces read every labelled conversation, and PostgreSQL chose to
 * read the whole conversations table for it). The database keeps the copies
 * right itself: a trigger fills them when a label is put on, and another
 * follows every change of a conversation's status or assignee, whichever
 * code path makes it (replies that reopen, snoozes, merges, assignments).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('conversation_labels').addColumn('status', 'text').execute();
  await db.schema.alterTable('conversation_labels').addColumn('assignee_id', 'text').execute();
  await sql`update conversation_labels set
    status = (select c.status from conversations c where c.id = conversation_labels.conversation_id),
    assignee_id = (select c.assignee_id from conversations c where c.id = conversation_labels.conversation_id)`.execute(db);
  await db.schema.createIndex('conversation_labels_counts').on('conversation_labels').columns(['workspace_id', 'label_id', 'status', 'assignee_id']).execute();

  if (onSqlite(db)) {
    await sql`create trigger conversation_labels_fill after insert on conversation_labels
      begin
        update conversation_labels set
          status = (select status from conversations where id = new.conversation_id),
          assignee_id = (select assignee_id from conversations where id = new.conversation_id)
        where conversation_id = new.conversation_id and label_id = new.label_id;
      end`.execute(db);
    await sql`create trigger conversation_labels_follow after update of status, assignee_id on conversations
      when old.status is not new.status or old.assignee_id is not new.assignee_id
      begin
        update conversation_labels set status = new.status, assignee_id = new.assignee_id where conversation_id = new.id;
      end`.execute(db);
    return;
  }
  await sql`create function conversation_labels_fill() returns trigger language plpgsql as $$
    begin
      select c.status, c.assignee_id into new.status, new.assignee_id from conversations c where c.id = new.conversation_id;
      return new;
    end $$`.execute(db);
  await sql`create trigger conversation_labels_fill before insert on conversation_labels
    for each row execute function conversation_labels_fill()`.execute(db);
  await sql`create function conversation_labels_follow() returns trigger language plpgsql as $$
    begin
      update conversation_labels set status = new.status, assignee_id = new.assignee_id where conversation_id = new.id;
      return null;
    end $$`.execute(db);
  await sql`create trigger conversation_labels_follow after update of status, assignee_id on conversations
    for each row when (old.status is distinct from new.status or old.assignee_id is distinct from new.assignee_id)
    execute function conversation_labels_follow()`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const lite = onSqlite(db);
  await sql`drop trigger if exists conversation_labels_follow${lite ? sql`` : sql` on conversations`}`.execute(db);
  await sql`drop trigger if exists conversation_labels_fill${lite ? sql`` : sql` on conversation_labels`}`.execute(db);
  if (!lite) {
    await sql`drop function if exists conversation_labels_follow()`.execute(db);
    await sql`drop function if exists conversation_labels_fill()`.execute(db);
  }
  await db.schema.dropIndex('conversation_labels_counts').execute();
  await db.schema.alterTable('conversation_labels').dropColumn('assignee_id').execute();
  await db.schema.alterTable('conversation_labels').dropColumn('status').execute();
}
