import { type Kysely, sql } from 'kysely';

/**
 * Routing (issue 10, B2 and B3): a conversation's priority and its place in
 * its team's waiting queue, each team's assignment mode, default capacity and
 * answer time limit, each operator's own capacity and when they were last
 * given a conversation (least busy breaks ties with it), and the team an
 * inbox routes to. Priority is a number so the queue's index orders it:
 * 0 urgent, 1 high, 2 normal, 3 low.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const conversations = [
    db.schema.alterTable('conversations').addColumn('priority', 'integer', (c) => c.notNull().defaultTo(2)),
    // In its team's queue since then, kept when it is put back; it waits while it has no assignee.
    db.schema.alterTable('conversations').addColumn('queued_at', 'bigint'),
    // 1: put back in the queue (operator offline, no answer in time): it goes to the head.
    db.schema.alterTable('conversations').addColumn('requeued', 'integer', (c) => c.notNull().defaultTo(0)),
    db.schema.alterTable('conversations').addColumn('assigned_at', 'bigint'),
  ];
  for (const q of conversations) await q.execute();
  // The queue of a team in its order; only waiting conversations are in it.
  await db.schema
    .createIndex('conversations_queue')
    .on('conversations')
    .columns(['team_id', 'requeued desc', 'priority', 'queued_at', 'id'])
    .where(sql<boolean>`queued_at is not null and assignee_id is null`)
    .execute();
  // The team's recently resolved conversations: how long one takes, for the visitor's estimate.
  await db.schema.createIndex('conversations_team_resolved').on('conversations').columns(['team_id', 'resolved_at']).execute();

  await db.schema
    .alterTable('teams')
    .addColumn('assignment_mode', 'text', (c) => c.notNull().defaultTo('manual'))
    .execute();
  await db.schema
    .alterTable('teams')
    .addColumn('default_capacity', 'integer', (c) => c.notNull().defaultTo(3))
    .execute();
  await db.schema.alterTable('teams').addColumn('answer_seconds', 'integer').execute();
  await db.schema.alterTable('teams').addColumn('last_assignee_id', 'text').execute();

  await db.schema.alterTable('operators').addColumn('capacity', 'integer').execute();
  await db.schema.alterTable('operators').addColumn('last_assigned_at', 'bigint').execute();

  await db.schema.alterTable('inboxes').addColumn('default_team_id', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('conversations_team_resolved').execute();
  await db.schema.dropIndex('conversations_queue').execute();
  for (const c of ['priority', 'queued_at', 'requeued', 'assigned_at']) await db.schema.alterTable('conversations').dropColumn(c).execute();
  for (const c of ['assignment_mode', 'default_capacity', 'answer_seconds', 'last_assignee_id']) await db.schema.alterTable('teams').dropColumn(c).execute();
  for (const c of ['capacity', 'last_assigned_at']) await db.schema.alterTable('operators').dropColumn(c).execute();
  await db.schema.alterTable('inboxes').dropColumn('default_team_id').execute();
}
