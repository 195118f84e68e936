/**
 * The message write path, as plain SQL. It runs for every message, so it skips
 * the query builder's per-call compilation (a large share of its cost at
 * thousands of messages a second). The statements are written once, with `?`
 * placeholders, numbered for PostgreSQL; SQLite reuses its prepared statements.
 */
import { CompiledQuery } from 'kysely';
import type { Db } from '../db/database.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import type { MessageRow } from './message.repository.js';

export type Dialect = 'sqlite' | 'postgres';

const numbered = new Map<string, string>();
function forDialect(sql: string, dialect: Dialect): string {
  if (dialect === 'sqlite') return sql;
  let out = numbered.get(sql);
  if (!out) {
    let n = 0;
    out = sql.replace(/\?/g, () => `$${++n}`);
    numbered.set(sql, out);
  }
  return out;
}

async function rows<T>(db: Db, dialect: Dialect, sql: string, params: unknown[]): Promise<T[]> {
  return (await db.executeQuery<T>(CompiledQuery.raw(forDialect(sql, dialect), params))).rows;
}

const placeholders = (n: number) => Array.from({ length: n }, () => '?').join(', ');

export interface SeqBump {
  count: number;
  at: number;
  preview: string;
  authorKind: string;
  authorId: string | null;
  authorName: string | null;
  reopen: boolean;
}

/** Takes the row lock and `count` sequence numbers; returns the updated row. */
export async function bumpSequence(db: Db, dialect: Dialect, workspaceId: string, id: string, b: SeqBump): Promise<ConversationRow | undefined> {
  const reopen = b.reopen ? ", status = 'open', resolved_at = null" : '';
  const sql = `update conversations set last_seq = last_seq + ?, last_message_at = ?, last_message_preview = ?, last_author_kind = ?, last_author_id = ?, last_author_name = ?, updated_at = ?${reopen} where workspace_id = ? and id = ? returning *`;
  const params = [b.count, b.at, b.preview, b.authorKind, b.authorId, b.authorName, b.at, workspaceId, id];
  return (await rows<ConversationRow>(db, dialect, sql, params))[0];
}

const COLUMNS = ['id', 'workspace_id', 'conversation_id', 'seq', 'client_id', 'author_kind', 'author_id', 'author_name', 'kind', 'body', 'attachments', 'event', 'created_at'] as const;
const ROW = `(${placeholders(COLUMNS.length)})`;

export async function insertMessages(db: Db, dialect: Dialect, list: MessageRow[]): Promise<void> {
  // 13 parameters a row: chunks stay far below SQLite's limit on bound parameters.
  for (let i = 0; i < list.length; i += 500) {
    const chunk = list.slice(i, i + 500);
    const sql = `insert into messages (${COLUMNS.join(', ')}) values ${chunk.map(() => ROW).join(', ')}`;
    await db.executeQuery(CompiledQuery.raw(forDialect(sql, dialect), chunk.flatMap((r) => COLUMNS.map((c) => r[c]))));
  }
}
