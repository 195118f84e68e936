/**
 * The SQL both backends share: the joins to conversations, the filters and
 * the viewer's visibility (policy/visibility.ts) in the WHERE, so a page
 * holds only what the viewer may see and paging stays exact. A backend
 * supplies the text match and the score (lower is better).
 */
import { type Expression, type RawBuilder, sql } from 'kysely';
import type { Db } from '../db/database.js';
import { contactScope, conversationScope } from '../policy/visibility.js';
import type { SearchRequest } from './search-index.js';
import {
  type ArticleHit,
  articleSnippet,
  type ContactHit,
  contactTerms,
  highlight,
  highlightContactField,
  type MessageHit,
  type SearchPage,
  searchTerms,
  snippet,
} from './search.js';
import { articleUrl } from '../article/article.service.js';

/** How a backend finds rows of a table whose text matches: what to select from, the condition, the score. */
export interface TextMatch {
  from: RawBuilder<unknown>;
  where: RawBuilder<boolean>;
  score: RawBuilder<number>;
  /** Newest first, in the order the index gives cheaply (FTS5 rowid; created_at on PostgreSQL). */
  recency: RawBuilder<unknown>;
}

/**
 * Matches are ranked among the newest WINDOW ones the viewer may see: a word
 * in every fifth message of a million would otherwise be scored a hundred
 * thousand times per search. Pages go as deep as the window.
 */
export const WINDOW = 1000;

export type Matcher = (table: 'messages' | 'notes' | 'contacts' | 'articles', alias: string, terms: string[]) => TextMatch;

interface MessageRow {
  kind: 'message' | 'note';
  id: string;
  conversation_id: string;
  seq: number;
  author_kind: string;
  author_name: string | null;
  body: string;
  created_at: number;
  status: string;
  inbox_id: string;
  team_id: string | null;
  score: number;
}

function conversationFilters(req: SearchRequest, row: string): RawBuilder<unknown> {
  const f = req.filters;
  const parts: Expression<unknown>[] = [sql`${sql.ref(`${row}.workspace_id`)} = ${req.viewer.workspaceId}`];
  const scope = conversationScope(req.viewer, 'c');
  if (scope) parts.push(scope(undefined as never));
  if (f.status) parts.push(sql`c.status = ${f.status}`);
  if (f.inboxId) parts.push(sql`c.inbox_id = ${f.inboxId}`);
  if (f.teamId) parts.push(sql`c.team_id = ${f.teamId}`);
  if (f.operatorId) parts.push(sql`c.assignee_id = ${f.operatorId}`);
  if (f.labelId) parts.push(sql`exists (select 1 from conversation_labels cl where cl.conversation_id = c.id and cl.label_id = ${f.labelId})`);
  if (f.from !== undefined) parts.push(sql`${sql.ref(`${row}.created_at`)} >= ${f.from}`);
  if (f.to !== undefined) parts.push(sql`${sql.ref(`${row}.created_at`)} < ${f.to}`);
  return sql.join(parts, sql` and `);
}

function page<T>(rows: T[], req: SearchRequest): SearchPage<T> {
  const more = rows.length > req.limit;
  const next = req.offset + req.limit;
  return { items: more ? rows.slice(0, req.limit) : rows, nextCursor: more && next < WINDOW ? String(next) : null };
}

export async function searchMessages(db: Db, req: SearchRequest, match: Matcher): Promise<SearchPage<MessageHit>> {
  const terms = searchTerms(req.q);
  if (terms.length === 0) return { items: [], nextCursor: null };
  const m = match('messages', 'm', terms);
  const n = match('notes', 'n', terms);
  const { rows } = await sql<MessageRow>`
    select * from (
      select * from (
        select 'message' as kind, m.id, m.conversation_id, m.seq, m.author_kind, m.author_name, m.body, m.created_at,
               c.status, c.inbox_id, c.team_id, ${m.score} as score
        from ${m.from} join conversations c on c.id = m.conversation_id
        where ${m.where} and m.kind <> 'event' and ${conversationFilters(req, 'm')}
        order by ${m.recency} desc limit ${WINDOW}
      ) newest_messages
      union all
      select * from (
        select 'note' as kind, n.id, n.conversation_id, n.after_seq as seq, 'operator' as author_kind, n.author_name, n.body, n.created_at,
               c.status, c.inbox_id, c.team_id, ${n.score} as score
        from ${n.from} join conversations c on c.id = n.conversation_id
        where ${n.where} and ${conversationFilters(req, 'n')}
        order by ${n.recency} desc limit ${WINDOW}
      ) newest_notes
    ) hits
    order by score, created_at desc, id
    limit ${req.limit + 1} offset ${req.offset}`.execute(db);
  return page(
    rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      conversationId: r.conversation_id,
      seq: Number(r.seq),
      authorKind: r.author_kind,
      authorName: r.author_name,
      createdAt: Number(r.created_at),
      status: r.status,
      inboxId: r.inbox_id,
      teamId: r.team_id,
      snippet: snippet(highlight(r.body, terms)),
    })),
    req,
  );
}

interface ContactRow {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
}

export async function searchContacts(db: Db, req: SearchRequest, match: Matcher): Promise<SearchPage<ContactHit>> {
  const terms = contactTerms(req.q);
  if (terms.length === 0) return { items: [], nextCursor: null };
  const t = match('contacts', 'contacts', terms);
  const parts: Expression<unknown>[] = [t.where, sql`contacts.workspace_id = ${req.viewer.workspaceId}`, sql`contacts.merged_into is null`];
  const scope = contactScope(req.viewer);
  if (scope) parts.push(scope(undefined as never));
  if (req.filters.labelId) parts.push(sql`exists (select 1 from contact_labels l where l.contact_id = contacts.id and l.label_id = ${req.filters.labelId})`);
  if (req.filters.from !== undefined) parts.push(sql`contacts.created_at >= ${req.filters.from}`);
  if (req.filters.to !== undefined) parts.push(sql`contacts.created_at < ${req.filters.to}`);
  // Contacts an import staged stay hidden until it is done (as contact-query's notStaged).
  const staged = sql`(contacts.import_id is null or contacts.import_id in (select id from contact_imports where status = 'done'))`;
  const { rows } = await sql<ContactRow & { score: number }>`
    select * from (
      select contacts.id, contacts.name, contacts.email, contacts.phone, contacts.company, contacts.updated_at, ${t.score} as score
      from ${t.from}
      where ${sql.join([...parts, staged], sql` and `)}
      order by ${t.recency} desc limit ${WINDOW}
    ) hits
    order by score, updated_at desc, id
    limit ${req.limit + 1} offset ${req.offset}`.execute(db);
  return page(
    rows.map((r) => ({
      id: r.id,
      name: highlightContactField(r.name, terms),
      email: highlightContactField(r.email, terms),
      phone: highlightContactField(r.phone, terms),
      company: highlightContactField(r.company, terms),
    })),
    req,
  );
}

interface ArticleRow {
  id: string;
  workspace_id: string;
  title: string;
  description: string;
  body: string;
  state: 'draft' | 'published';
  locale: string;
  slug: string;
  updated_at: number;
}

/** Every operator reads every article of the workspace (article.view), drafts too: no further scope. */
export async function searchArticles(db: Db, req: SearchRequest, match: Matcher): Promise<SearchPage<ArticleHit>> {
  const terms = searchTerms(req.q);
  if (terms.length === 0) return { items: [], nextCursor: null };
  const t = match('articles', 'articles', terms);
  const parts: Expression<unknown>[] = [t.where, sql`articles.workspace_id = ${req.viewer.workspaceId}`];
  if (req.filters.from !== undefined) parts.push(sql`articles.updated_at >= ${req.filters.from}`);
  if (req.filters.to !== undefined) parts.push(sql`articles.updated_at < ${req.filters.to}`);
  const { rows } = await sql<ArticleRow & { score: number }>`
    select * from (
      select articles.id, articles.workspace_id, articles.title, articles.description, articles.body, articles.state, articles.locale,
             articles.slug, articles.updated_at, ${t.score} as score
      from ${t.from}
      where ${sql.join(parts, sql` and `)}
      order by ${t.recency} desc limit ${WINDOW}
    ) hits
    order by score, updated_at desc, id
    limit ${req.limit + 1} offset ${req.offset}`.execute(db);
  return page(
    rows.map((r) => ({
      id: r.id,
      title: highlight(r.title, terms),
      snippet: articleSnippet(r.description, r.body, terms),
      state: r.state,
      locale: r.locale,
      slug: r.slug,
      url: articleUrl(r),
      updatedAt: Number(r.updated_at),
    })),
    req,
  );
}
