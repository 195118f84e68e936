import type { Kysely } from 'kysely';

/**
 * Mood scores are read through their messages (`messages_seq`, the index on
 * conversation and sequence every message already has), so the scores' own
 * index on conversation and sequence goes. Each score inserted then touches
 * only pages at the end of the table and of its primary key (message ids grow
 * with time), not a page of that index somewhere in the middle: less to
 * write at each commit, next to the messages' own writes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('message_moods_conversation').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('message_moods_conversation').on('message_moods').columns(['conversation_id', 'seq']).execute();
}
