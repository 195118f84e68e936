/** SQLite: FTS5 tables with external content (migrations 0033 and 0035), ranked by bm25. */
import type { Db } from '../db/database.js';
import type { SearchIndex, SearchRequest } from './search-index.js';
import { type ArticleHit, type ContactHit, ftsMatch, type MessageHit, type SearchPage } from './search.js';
import { type Matcher, searchArticles, searchContacts, searchMessages } from './search.sql.js';
import { sql } from 'kysely';

const match: Matcher = (table, alias, terms) => {
  const fts = sql.raw(`${table}_fts`);
  const row = alias === table ? sql.raw(table) : sql.raw(`${table} ${alias}`);
  return {
    from: sql`${fts} join ${row} on ${sql.ref(`${alias}.rowid`)} = ${fts}.rowid`,
    where: sql<boolean>`${fts} match ${ftsMatch(terms)}`,
    // A title match weighs most, then the description, then the body (articles_fts's columns, in order).
    score: table === 'articles' ? sql<number>`bm25(${fts}, 10.0, 4.0, 1.0)` : sql<number>`bm25(${fts})`,
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
  articles(db: Db, req: SearchRequest): Promise<SearchPage<ArticleHit>> {
    return searchArticles(db, req, match);
  }
}
