/**
 * Which addresses Switchboard takes mail for: a reply address whose token a
 * conversation has (reply+<token>@…), a bounce address whose token a sent
 * mail has (bounce+<token>@…, its envelope sender), or an email inbox's
 * address. Anything else is refused (SMTP answers 550 at RCPT).
 */
import type { Db } from '../db/database.js';
import { bounceTokenOf, findThread, threadTokenOf } from '../email/email-thread.js';
import { findEmailInboxByAddress } from './email-inbox.repository.js';

export type Recipient =
  | { kind: 'thread'; address: string; workspaceId: string; conversationId: string }
  | { kind: 'inbox'; address: string; workspaceId: string; inboxId: string }
  | { kind: 'bounce'; address: string; workspaceId: string; emailId: string };

export async function findRecipient(db: Db, address: string): Promise<Recipient | null> {
  const clean = address.trim().toLowerCase();
  if (!clean || clean.length > 320) return null;
  const token = threadTokenOf(clean);
  if (token) {
    const thread = await findThread(db, token);
    return thread ? { kind: 'thread', address: clean, workspaceId: thread.workspace_id, conversationId: thread.conversation_id } : null;
  }
  const bounce = bounceTokenOf(clean);
  if (bounce) {
    const mail = await db.selectFrom('email_messages').select(['id', 'workspace_id']).where('bounce_token', '=', bounce).executeTakeFirst();
    return mail ? { kind: 'bounce', address: clean, workspaceId: mail.workspace_id, emailId: mail.id } : null;
  }
  const inbox = await findEmailInboxByAddress(db, clean);
  return inbox ? { kind: 'inbox', address: clean, ...inbox } : null;
}

/** The first known recipient, a reply address before an inbox address; only of `workspaceId` when given (the relay's). */
export async function firstRecipient(db: Db, addresses: string[], workspaceId?: string): Promise<Recipient | null> {
  const found: Recipient[] = [];
  for (const a of [...new Set(addresses.map((x) => x.trim().toLowerCase()))].slice(0, 50)) {
    const r = await findRecipient(db, a);
    if (r && (!workspaceId || r.workspaceId === workspaceId)) found.push(r);
  }
  return found.find((r) => r.kind === 'thread') ?? found[0] ?? null;
}
