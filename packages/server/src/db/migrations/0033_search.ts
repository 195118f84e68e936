import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * Search (C4): full-text indexes over messages, private notes and contacts,
 * kept fresh by the database in the same transaction as every write (a
 * message sent on the fast path, a merge, an import, an erasure), so no
 * write path can forget them and nothing is rebuilt at night.
 *
 * SQLite: FTS5 tables with external content (the text stays in `messages`,
 * `notes` and `contacts`; the index holds only tokens), fed by triggers.
 * A row is in its index exactly when its text is not empty, whatever order
 * the triggers of one statement run in. External content points at the
 * rowid: after a manual VACUUM (which may renumber rowids) run
 * `delete from messages_fts` then the backfill statement below again (and the
 * same for notes_fts and contacts_fts).
 *
 * PostgreSQL: GIN indexes on the tsvector of the text ('simple': no
 * stemming, every language alike; punctuation made blanks, so that
 * `maya@example.com` is three words as on SQLite). The expressions here
 * must stay those of search/pg-search.ts, or the planner will not use them.
 *
 * Both backfill what exists in the migration: FTS5 from the rows with text,
 * PostgreSQL as it builds the index.
 */
const FTS = [
  { table: 'messages', column: 'body' },
  { table: 'notes', column: 'body' },
  { table: 'contacts', column: 'search_text' },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const { table, column } of FTS) {
      const fts = `${table}_fts`;
      await sql
        .raw(`create virtual table ${fts} using fts5(${column}, content='${table}', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')`)
        .execute(db);
      // The backfill: the rows that have text, as the triggers keep it (a 'rebuild' would also list the empty ones).
      await sql.raw(`insert into ${fts}(rowid, ${column}) select rowid, ${column} from ${table} where ${column} <> ''`).execute(db);
      const add = `insert into ${fts}(rowid, ${column}) values (new.rowid, new.${column})`;
      const drop = `insert into ${fts}(${fts}, rowid, ${column}) values ('delete', old.rowid, old.${column})`;
      await sql.raw(`create trigger ${fts}_insert after insert on ${table} when new.${column} <> '' begin ${add}; end`).execute(db);
      await sql.raw(`create trigger ${fts}_delete after delete on ${table} when old.${column} <> '' begin ${drop}; end`).execute(db);
      // One trigger, so that the old text leaves the index before the new text enters it (triggers of one event run in no promised order).
      await sql
        .raw(
          `create trigger ${fts}_update after update of ${column} on ${table} begin
             insert into ${fts}(${fts}, rowid, ${column}) select 'delete', old.rowid, old.${column} where old.${column} <> '';
             insert into ${fts}(rowid, ${column}) select new.rowid, new.${column} where new.${column} <> '';
           end`,
        )
        .execute(db);
    }
    return;
  }
  for (const { table, column } of FTS) {
    await sql
      .raw(`create index ${table}_search on ${table} using gin (to_tsvector('simple'::regconfig, regexp_replace(${column}, '[[:punct:]]+', ' ', 'g')))`)
      .execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const { table } of FTS) {
      for (const t of ['insert', 'delete', 'update']) await sql.raw(`drop trigger ${table}_fts_${t}`).execute(db);
      await sql.raw(`drop table ${table}_fts`).execute(db);
    }
    return;
  }
  for (const { table } of FTS) await db.schema.dropIndex(`${table}_search`).execute();
}
