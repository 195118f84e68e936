import type { Kysely } from 'kysely';

/**
 * Mood (G3): each visitor message's mood, scored after it is stored, and the
 * conversation's mood, confidence and trend (the rules and the wall read
 * these). Scores live in their own table so the message write path is
 * untouched.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('message_moods')
    .addColumn('message_id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'text', (c) => c.notNull())
    .addColumn('conversation_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('mood', 'text', (c) => c.notNull())
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('valence', 'real', (c) => c.notNull())
    .addColumn('scored_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('message_moods_conversation').on('message_moods').columns(['conversation_id', 'seq']).execute();

  for (const q of [
    db.schema.alterTable('conversations').addColumn('mood', 'text'),
    db.schema.alterTable('conversations').addColumn('mood_confidence', 'real'),
    db.schema.alterTable('conversations').addColumn('mood_trend', 'text'),
  ]) {
    await q.execute();
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const column of ['mood_trend', 'mood_confidence', 'mood']) await db.schema.alterTable('conversations').dropColumn(column).execute();
  await db.schema.dropTable('message_moods').execute();
}
