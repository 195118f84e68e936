/**
 * PostgreSQL: the GIN indexes of migrations 0033 and 0035 on the text's
 * tsvector (for messages, 0035's stored column), ranked by ts_rank. The
 * tsvector expressions must stay the migrations', or the planner will not use
 * the indexes. The tsquery is built from terms made
 * of letters and digits only (search.ts), so it is never a syntax error.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { SearchIndex, SearchRequest } from './search-index.js';
import { ARTICLE_VECTOR_SQL } from '../db/migrations/0035_search_articles.js';
import { type ArticleHit, type ContactHit, type MessageHit, type SearchPage, tsQuery } from './search.js';
import { type Matcher, searchArticles, searchContacts, searchMessages } from './search.sql.js';

const COLUMN = { messages: 'body', notes: 'body', contacts: 'search_text' } as const;

const match: Matcher = (table, alias, terms) => {
  // Articles: migration 0035's weighted vector (its columns are unqualified, so the alias must be the table's name).
  // Messages: migration 0035's stored column (its GIN index, or a walk of the newest by messages_recent, as the planner finds cheaper).
  const vector =
    table === 'articles'
      ? sql.raw(ARTICLE_VECTOR_SQL)
      : table === 'messages'
        ? sql.ref(`${alias}.search_vector`)
        : sql`to_tsvector('simple'::regconfig, regexp_replace(${sql.ref(`${alias}.${COLUMN[table]}`)}, '[[:punct:]]+', ' ', 'g'))`;
  const query = sql`to_tsquery('simple'::regconfig, ${tsQuery(terms)})`;
  return {
    from: alias === table ? sql.raw(table) : sql.raw(`${table} ${alias}`),
    where: sql<boolean>`${vector} @@ ${query}`,
    score: sql<number>`-ts_rank(${vector}, ${query})`,
    recency: sql.ref(`${alias}.${table === 'contacts' || table === 'articles' ? 'updated_at' : 'created_at'}`),
  };
};

export class PgSearch implements SearchIndex {
  readonly backend = 'postgres-tsvector' as const;
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
