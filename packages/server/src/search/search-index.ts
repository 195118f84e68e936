/**
 * The search interface: one narrow shape, two backends chosen by the
 * database kind (SQLite FTS5, PostgreSQL full text), one contract suite for
 * both (test/search.contract.test.ts). The indexes themselves are kept fresh
 * by the database in the same transaction as each write (migration
 * 0033_search), so the interface only asks.
 *
 * Articles (migration 0035) were added this way, as another kind would be: a
 * migration with its FTS5 table and triggers and its GIN index, a method
 * here built with the same `searchTerms`/`highlight`, each backend's match
 * for it, its cases in the contract suite, and the route's `kind`.
 */
import type { Db } from '../db/database.js';
import type { Viewer } from '../policy/visibility.js';
import { PgSearch } from './pg-search.js';
import type { ArticleHit, ContactHit, MessageHit, SearchPage } from './search.js';
import { SqliteSearch } from './sqlite-search.js';

export interface SearchFilters {
  status?: string | undefined;
  inboxId?: string | undefined;
  teamId?: string | undefined;
  labelId?: string | undefined;
  /** The operator the conversation is assigned to. */
  operatorId?: string | undefined;
  /** Epoch ms, inclusive. */
  from?: number | undefined;
  /** Epoch ms, exclusive. */
  to?: number | undefined;
}

export interface SearchRequest {
  viewer: Viewer;
  q: string;
  filters: SearchFilters;
  offset: number;
  limit: number;
}

export interface SearchIndex {
  readonly backend: 'sqlite-fts5' | 'postgres-tsvector';
  /** Messages and private notes the viewer may see, best match first. */
  messages(db: Db, req: SearchRequest): Promise<SearchPage<MessageHit>>;
  /** Contacts the viewer may see, best match first (the label filter applies to the contact's labels). */
  contacts(db: Db, req: SearchRequest): Promise<SearchPage<ContactHit>>;
  /** Articles of the workspace, drafts too, best match first (a title match weighs most); `from`/`to` apply to their last change. */
  articles(db: Db, req: SearchRequest): Promise<SearchPage<ArticleHit>>;
}

export function searchIndexFor(kind: 'sqlite' | 'postgres'): SearchIndex {
  return kind === 'sqlite' ? new SqliteSearch() : new PgSearch();
}
