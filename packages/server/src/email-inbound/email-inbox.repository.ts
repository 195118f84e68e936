/** Email inboxes (an inbox of kind 'email' and its address) and the relay secrets, in SQL. */
import type { Db } from '../db/database.js';
import '../email/email.table.js';
import './email-inbound.table.js';

export interface EmailInboxRow {
  id: string;
  name: string;
  address: string;
  defaultTeamId: string | null;
  createdAt: number;
}

const base = (db: Db) =>
  db
    .selectFrom('email_inboxes as e')
    .innerJoin('inboxes as i', 'i.id', 'e.inbox_id')
    .select(['i.id as id', 'i.name as name', 'e.address as address', 'i.default_team_id as defaultTeamId', 'e.created_at as createdAt']);

export async function listEmailInboxes(db: Db, workspaceId: string): Promise<EmailInboxRow[]> {
  return base(db).where('e.workspace_id', '=', workspaceId).orderBy('e.created_at').execute();
}

export async function findEmailInbox(db: Db, workspaceId: string, inboxId: string): Promise<EmailInboxRow | undefined> {
  return base(db).where('e.workspace_id', '=', workspaceId).where('e.inbox_id', '=', inboxId).executeTakeFirst();
}

/** The email inbox an address reaches, in any workspace (addresses are unique, lower case). */
export async function findEmailInboxByAddress(db: Db, address: string): Promise<{ inboxId: string; workspaceId: string } | undefined> {
  const row = await db.selectFrom('email_inboxes').select(['inbox_id', 'workspace_id']).where('address', '=', address.trim().toLowerCase()).executeTakeFirst();
  return row && { inboxId: row.inbox_id, workspaceId: row.workspace_id };
}

export async function addressTaken(db: Db, address: string, exceptInboxId?: string): Promise<boolean> {
  let q = db.selectFrom('email_inboxes').select('inbox_id').where('address', '=', address);
  if (exceptInboxId) q = q.where('inbox_id', '!=', exceptInboxId);
  return !!(await q.executeTakeFirst());
}

export async function insertEmailInbox(db: Db, row: { inbox_id: string; workspace_id: string; address: string; created_at: number }): Promise<void> {
  await db.insertInto('email_inboxes').values(row).execute();
}

export async function setEmailInboxAddress(db: Db, workspaceId: string, inboxId: string, address: string): Promise<void> {
  await db.updateTable('email_inboxes').set({ address }).where('workspace_id', '=', workspaceId).where('inbox_id', '=', inboxId).execute();
}

export async function saveRelaySecret(db: Db, workspaceId: string, secretHash: string, now: number): Promise<void> {
  await db
    .insertInto('email_relay_secrets')
    .values({ workspace_id: workspaceId, secret_hash: secretHash, created_at: now })
    .onConflict((oc) => oc.column('workspace_id').doUpdateSet({ secret_hash: secretHash, created_at: now }))
    .execute();
}

export async function relaySecretSetAt(db: Db, workspaceId: string): Promise<number | null> {
  const row = await db.selectFrom('email_relay_secrets').select('created_at').where('workspace_id', '=', workspaceId).executeTakeFirst();
  return row?.created_at ?? null;
}

export async function workspaceOfRelaySecret(db: Db, secretHash: string): Promise<string | null> {
  const row = await db.selectFrom('email_relay_secrets').select('workspace_id').where('secret_hash', '=', secretHash).executeTakeFirst();
  return row?.workspace_id ?? null;
}
