import type { Selectable } from 'kysely';
import type { Db } from '../db/database.js';
import type { InboxTable } from '../db/tables.js';
import { type Inbox, inboxSettings } from './inbox.js';

export type InboxRow = Selectable<InboxTable>;

export function toInbox(row: InboxRow): Inbox {
  let raw: unknown = {};
  try {
    raw = JSON.parse(row.settings);
  } catch {
    // A damaged settings column falls back to defaults rather than taking the inbox down.
  }
  const parsed = inboxSettings.safeParse(raw);
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    kind: row.kind === 'email' ? 'email' : 'website',
    websiteKey: row.website_key,
    settings: parsed.success ? parsed.data : inboxSettings.parse({}),
    identitySecretSetAt: row.identity_secret ? row.identity_secret_at : null,
    defaultTeamId: row.default_team_id,
    createdAt: row.created_at,
  };
}

export async function insertInbox(db: Db, row: InboxRow): Promise<void> {
  await db.insertInto('inboxes').values(row).execute();
}

export async function findInbox(db: Db, workspaceId: string, id: string): Promise<InboxRow | undefined> {
  return db.selectFrom('inboxes').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export async function findInboxByKey(db: Db, websiteKey: string): Promise<InboxRow | undefined> {
  return db.selectFrom('inboxes').selectAll().where('website_key', '=', websiteKey).executeTakeFirst();
}

export async function listInboxes(db: Db, workspaceId: string): Promise<InboxRow[]> {
  return db.selectFrom('inboxes').selectAll().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
}

export async function updateInbox(
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<Pick<InboxRow, 'name' | 'settings' | 'default_team_id'>>,
): Promise<void> {
  await db.updateTable('inboxes').set(patch).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
}
