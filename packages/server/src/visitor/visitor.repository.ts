import type { Selectable } from 'kysely';
import type { VisitorInfo } from '@switchboard/protocol';
import type { Db } from '../db/database.js';
import type { VisitorTable } from '../db/tables.js';

export type VisitorRow = Selectable<VisitorTable>;

export const presentVisitor = (row: VisitorRow): VisitorInfo => ({
  id: row.id,
  pageUrl: row.page_url,
  pageTitle: row.page_title,
  referrer: row.referrer,
  userAgent: row.user_agent,
  timeZone: row.time_zone,
  locale: row.locale,
  lastSeenAt: row.last_seen_at,
});

export async function insertVisitor(db: Db, row: VisitorRow): Promise<void> {
  await db.insertInto('visitors').values(row).execute();
}

export async function findVisitorByToken(db: Db, tokenHash: string): Promise<VisitorRow | undefined> {
  return db.selectFrom('visitors').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findVisitor(db: Db, workspaceId: string, id: string): Promise<VisitorRow | undefined> {
  return db.selectFrom('visitors').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function updateVisitor(
  db: Db,
  id: string,
  patch: Partial<Omit<VisitorRow, 'id' | 'workspace_id' | 'inbox_id' | 'token_hash' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('visitors').set(patch).where('id', '=', id).execute();
}
