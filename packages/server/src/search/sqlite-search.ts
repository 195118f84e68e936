/** SQLite: FTS5 tables with external content (migration 0033), ranked by bm25. */
import type { Db } from '../db/database.js';
import type { SearchIndex, SearchRequest } from './search-index.js';
import { type ContactHit, ftsMatch, type MessageHit, type SearchPage } from './search.js';
import { type Matcher, searchContacts, searchMessages } from './search.sql.js';
import { sql } from 'kysely';

const match: Matcher = (table, alias, terms) => {
  const fts = sql.raw(`${table}_fts`);
  const row = alias === table ? sql.raw(table) : sql.raw(`${table} ${alias}`);
  return {
    from: sql`${fts} join ${row} on ${sql.ref(`${alias}.rowid`)} = ${fts}.rowid`,
    where: sql<boolean>`${fts} match ${ftsMatch(terms)}`,
    score: sql<number>`bm25(${fts})`,
    recency: sql`${fts}.rowid`,
  };
};

export class SqliteSearch implements SearchIndex {
  readonly backend = 'sqlite-fts5' as const;
  messages(db: Db, req: SearchRequest): Promise<SearchPage<MessageHit>> {
    return searchMessages(db, req, match);
  }
  contacts(db: Db, req: SearchRequest): Promise<SearchPage<ContactHit>> {
    return searchContacts(db, req, match);
  }
}
