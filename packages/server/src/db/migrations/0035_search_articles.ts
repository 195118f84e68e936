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
 *
 * PostgreSQL messages, for common words: 0033's GIN index on an expression
 * finds every message with the word (a word in every seventh message of a
 * million: ~150,000 rows read to keep the newest 1,000, their tsvector
 * computed again to rank them). Here the tsvector becomes a stored generated
 * column `messages.search_vector` (computed once on write, as the expression
 * index did; never again on read), with its GIN index in place of 0033's, and
 * an index on (workspace_id, created_at) so that the planner can instead walk
 * the newest messages and test each stored tsvector, stopping at 1,000
 * matches: it takes that path for words its statistics say are common, the
 * GIN index for rare ones. Adding the column rewrites `messages` once (under
 * a lock: on a large install, run the migration in a quiet hour).
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
  await sql.raw(`alter table messages add column search_vector tsvector generated always as (${clean('body')}) stored`).execute(db);
  await sql.raw('create index messages_search_vector on messages using gin (search_vector)').execute(db);
  await sql.raw('drop index messages_search').execute(db);
  await sql.raw('create index messages_recent on messages (workspace_id, created_at)').execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const t of ['insert', 'delete', 'update']) await sql.raw(`drop trigger articles_fts_${t}`).execute(db);
    await sql.raw('drop table articles_fts').execute(db);
    return;
  }
  await db.schema.dropIndex('articles_search').execute();
  await db.schema.dropIndex('messages_recent').execute();
  await sql.raw(`create index messages_search on messages using gin (${clean('body')})`).execute(db);
  await sql.raw('alter table messages drop column search_vector').execute(db);
}
