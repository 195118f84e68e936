/**
 * The message write path as plain SQL. It runs for every message, so it skips
 * the query builder's per-call compilation, and it is set-based: a batch of
 * sends costs a handful of statements (round trips, on PostgreSQL) however
 * many conversations it touches. The same statements run on SQLite; they are
 * written once with `?` placeholders, numbered for PostgreSQL.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from '../db/database.js';
import type { ContactRow } from '../contact/contact.repository.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import { type Bump, type Dialect, type MessageRow, previewOf } from './message.js';

const CONVERSATION_COLUMNS = [
  'id',
  'workspace_id',
  'inbox_id',
  'visitor_id',
  'contact_id',
  'status',
  'assignee_id',
  'last_seq',
  'last_message_seq',
  'last_message_at',
  'last_message_preview',
  'last_message_files',
  'last_author_kind',
  'last_author_id',
  'last_author_name',
  'visitor_read_seq',
  'operator_read_seq',
  'unread_count',
  'labels',
  'snoozed_until',
  'merged_into',
  'team_id',
  'first_response_at',
  'rating',
  'rating_comment',
  'rated_at',
  'ended_at',
  'awaiting_email_reply',
  'priority',
  'queued_at',
  'requeued',
  'assigned_at',
  'created_at',
  'updated_at',
  'resolved_at',
  'sla_policy_id',
  'sla_due_at',
  'sla_target',
  'sla_warn_at',
  'sla_breached_at',
] as const;

const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

const numbered = new Map<string, string>();
function forDialect(sql: string, dialect: Dialect): string {
  if (dialect === 'sqlite') return sql;
  let out = numbered.get(sql);
  if (!out) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    if (numbered.size < 1000) numbered.set(sql, out);
  }
  return out;
}

async function query<T>(db: Db, dialect: Dialect, sql: string, params: unknown[]): Promise<T[]> {
  return (await db.executeQuery<T>(CompiledQuery.raw(forDialect(sql, dialect), params))).rows;
}

/**
 * The conversations of the batch. On PostgreSQL their rows are locked here, in
 * id order, so concurrent batches on several nodes queue instead of deadlocking.
 */
export function lockConversations(db: Db, dialect: Dialect, ids: string[]): Promise<ConversationRow[]> {
  const lock = dialect === 'postgres' ? ' order by id for update' : '';
  return query(db, dialect, `select * from conversations where id in (${marks(ids.length)})${lock}`, ids);
}

export function selectContacts(db: Db, dialect: Dialect, ids: string[]): Promise<ContactRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return query(db, dialect, `select * from contacts where id in (${marks(ids.length)})`, ids);
}

/** Stored messages that may repeat a client id of the batch (a superset: the caller matches pairs). */
export function selectRepeats(db: Db, dialect: Dialect, conversationIds: string[], clientIds: string[]): Promise<MessageRow[]> {
  if (clientIds.length === 0) return Promise.resolve([]);
  return query(
    db,
    dialect,
    `select * from messages where conversation_id in (${marks(conversationIds.length)}) and client_id in (${marks(clientIds.length)})`,
    [...conversationIds, ...clientIds],
  );
}

/**
 * Gives each conversation its next sequence numbers, its list entry and its
 * unread count (see `Bump`), in one statement. The UPDATE takes each
 * conversation's row lock, so sequence numbers are given out in commit order
 * and without gaps. The SQLite fast path prepares the same statement for one row.
 */
export function bumpSql(rows: number): string {
  const row =
    '(cast(? as text), cast(? as text), cast(? as bigint), cast(? as bigint), cast(? as integer), cast(? as bigint), cast(? as text), cast(? as text), ' +
    'cast(? as text), cast(? as text), cast(? as bigint), cast(? as bigint), cast(? as integer), cast(? as bigint), cast(? as integer))';
  const kept = (column: string, value: string) => `${column} = case when v.has = 1 then ${value} else conversations.${column} end`;
  return `with v (ws, id, n, at, has, mat, preview, kind, aid, aname, back, files, answered, unread, reopen) as (values ${Array.from({ length: rows }, () => row).join(', ')})
    update conversations set
      last_seq = conversations.last_seq + v.n, updated_at = v.at,
      ${kept('last_message_seq', 'conversations.last_seq + v.n - v.back')}, ${kept('last_message_at', 'v.mat')},
      ${kept('last_message_preview', 'v.preview')}, ${kept('last_message_files', 'v.files')}, ${kept('last_author_kind', 'v.kind')},
      ${kept('last_author_id', 'v.aid')}, ${kept('last_author_name', 'v.aname')},
      unread_count = case when v.answered = 1 then v.unread else conversations.unread_count + v.unread end,
      first_response_at = case when v.answered = 1 and conversations.first_response_at is null and conversations.last_author_kind = 'visitor' then v.at else conversations.first_response_at end,
      status = case when v.reopen = 1 then 'open' else conversations.status end,
      resolved_at = case when v.reopen = 1 then null else conversations.resolved_at end,
      snoozed_until = case when v.reopen = 1 then null else conversations.snoozed_until end
    from v where conversations.id = v.id and conversations.workspace_id = v.ws
    returning ${CONVERSATION_COLUMNS.map((c) => `conversations.${c}`).join(', ')}`;
}

/**
 * The same update for one conversation, as SQLite runs it fastest: a plain
 * UPDATE with positional parameters (the synchronous path runs one per
 * conversation of a batch). Its parameters are `bumpOneParams`.
 */
export const BUMP_ONE_SQLITE = `update conversations set
    last_seq = last_seq + ?, updated_at = ?,
    last_message_seq = case when ? = 1 then last_seq + ? - ? else last_message_seq end,
    last_message_at = case when ? = 1 then ? else last_message_at end,
    last_message_preview = case when ? = 1 then ? else last_message_preview end,
    last_message_files = case when ? = 1 then ? else last_message_files end,
    last_author_kind = case when ? = 1 then ? else last_author_kind end,
    last_author_id = case when ? = 1 then ? else last_author_id end,
    last_author_name = case when ? = 1 then ? else last_author_name end,
    unread_count = case when ? = 1 then ? else unread_count + ? end,
    first_response_at = case when ? = 1 and first_response_at is null and last_author_kind = 'visitor' then ? else first_response_at end,
    status = case when ? = 1 then 'open' else status end,
    resolved_at = case when ? = 1 then null else resolved_at end,
    snoozed_until = case when ? = 1 then null else snoozed_until end
  where workspace_id = ? and id = ? returning *`;

export function bumpOneParams(b: Bump): unknown[] {
  const [ws, id, n, at, has, mat, preview, kind, aid, aname, back, files, answered, unread, reopen] = bumpParams(b);
  return [
    n,
    at,
    has,
    n,
    back,
    has,
    mat,
    has,
    preview,
    has,
    files,
    has,
    kind,
    has,
    aid,
    has,
    aname,
    answered,
    unread,
    unread,
    answered,
    at,
    reopen,
    reopen,
    reopen,
    ws,
    id,
  ];
}

/** The parameters of one row of `bumpSql`, in order. */
export function bumpParams(b: Bump): unknown[] {
  const m = b.shown?.message;
  return [
    b.workspaceId,
    b.id,
    b.count,
    b.at,
    m ? 1 : 0,
    m?.createdAt ?? null,
    m ? previewOf(m) : null,
    m?.author.kind ?? null,
    m?.author.id ?? null,
    m?.author.name ?? null,
    b.shown?.back ?? 0,
    m?.attachments.length ?? 0,
    b.answered ? 1 : 0,
    b.unread,
    b.reopen ? 1 : 0,
  ];
}

export function bumpAll(db: Db, dialect: Dialect, bumps: Bump[]): Promise<ConversationRow[]> {
  if (bumps.length === 0) return Promise.resolve([]);
  return query(db, dialect, bumpSql(bumps.length), bumps.flatMap(bumpParams));
}

/** Columns of a message row, in the order both write paths bind them. */
export const MESSAGE_COLUMNS = [
  'id',
  'workspace_id',
  'conversation_id',
  'seq',
  'client_id',
  'author_kind',
  'author_id',
  'author_name',
  'kind',
  'body',
  'attachments',
  'event',
  'created_at',
  'rich',
] as const;

export async function insertMessages(db: Db, dialect: Dialect, list: MessageRow[]): Promise<void> {
  const row = `(${marks(MESSAGE_COLUMNS.length)})`;
  // 14 parameters a row: chunks stay far below SQLite's limit on bound parameters.
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    const sql = `insert into messages (${MESSAGE_COLUMNS.join(', ')}) values ${chunk.map(() => row).join(', ')}`;
    await db.executeQuery(
      CompiledQuery.raw(
        forDialect(sql, dialect),
        chunk.flatMap((r) => MESSAGE_COLUMNS.map((c) => r[c])),
      ),
    );
  }
}
