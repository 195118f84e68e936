import { type Kysely, SqliteAdapter, sql } from 'kysely';

/**
 * Search (C4) over the knowledge base's articles (drafts too), as 0033 does
 * for messages, notes and contacts: kept fresh by the database in the same
 * transaction as each write.
 *
 * SQLite: an FTS5 table with external content on `articles` (title,
 * description, body as three columns, so bm25 can weigh a title match above
 * a body match), fed by triggers. Every article has a title, so every
 * article is in it. After a manual VACUUM: `delete from articles_fts` then
 * the backfill below again.
 *
 * PostgreSQL: a GIN index on the weighted tsvector of the three (title A,
 * description B, body C; 'simple', punctuation made blanks). The expression
 * must stay ARTICLE_VECTOR of search/pg-search.ts, or the planner will not
 * use it.
 */
const clean = (column: string) => `to_tsvector('simple'::regconfig, regexp_replace(${column}, '[[:punct:]]+', ' ', 'g'))`;
export const ARTICLE_VECTOR_SQL = `(setweight(${clean('title')}, 'A') || setweight(${clean('description')}, 'B') || setweight(${clean('body')}, 'C'))`;

export async function up(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql
      .raw(
        `create virtual table articles_fts using fts5(title, description, body, content='articles', content_rowid='rowid', tokenize='unicode61 remove_diacritics 0')`,
      )
      .execute(db);
    await sql.raw('insert into articles_fts(rowid, title, description, body) select rowid, title, description, body from articles').execute(db);
    const add = 'insert into articles_fts(rowid, title, description, body) values (new.rowid, new.title, new.description, new.body)';
    const drop = `insert into articles_fts(articles_fts, rowid, title, description, body) values ('delete', old.rowid, old.title, old.description, old.body)`;
    await sql.raw(`create trigger articles_fts_insert after insert on articles begin ${add}; end`).execute(db);
    await sql.raw(`create trigger articles_fts_delete after delete on articles begin ${drop}; end`).execute(db);
    // One trigger: the old text leaves the index before the new text enters it.
    await sql.raw(`create trigger articles_fts_update after update of title, description, body on articles begin ${drop}; ${add}; end`).execute(db);
    return;
  }
  await sql.raw(`create index articles_search on articles using gin (${ARTICLE_VECTOR_SQL})`).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of ['insert', 'delete', 'update']) await sql.raw(`drop trigger articles_fts_${t}`).execute(db);
    await sql.raw('drop table articles_fts').execute(db);
    return;
  }
  await db.schema.dropIndex('articles_search').execute();
}
