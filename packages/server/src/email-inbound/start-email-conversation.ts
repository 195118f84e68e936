/**
 * A new mail to an email inbox starts a conversation as a visitor's first
 * message does on the website: the sender is the contact with their address
 * (the oldest, when several have it; a new contact otherwise, named as the
 * mail says), and behind it one visitor of the email inbox, who never holds a
 * token (nobody can sign in as them: they exist so the conversation has its
 * visitor like every other). The conversation waits for replies by email.
 */
import { type ContactRow, findByEmails, insertContact } from '../contact/contact.repository.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import { startConversation } from '../conversation/start-conversation.js';
import type { Db } from '../db/database.js';
import { hashToken, newId, newToken } from '../ids.js';

export interface EmailConversationStarted {
  conversation: ConversationRow;
  /** The contact made for the sender, if there was none (consoles hear of it). */
  createdContact: ContactRow | null;
}

async function contactFor(trx: Db, p: { workspaceId: string; from: string; name: string | undefined; now: number }) {
  const [found] = await findByEmails(trx, p.workspaceId, [p.from]);
  if (found) return { contact: found, created: false };
  const id = newId();
  await insertContact(trx, {
    id,
    workspace_id: p.workspaceId,
    name: p.name?.trim().slice(0, 100) || null,
    email: p.from,
    phone: null,
    attributes: '{}',
    created_at: p.now,
    updated_at: p.now,
  });
  const contact = await trx.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return { contact, created: true };
}

async function visitorFor(trx: Db, p: { workspaceId: string; inboxId: string; contactId: string; now: number }): Promise<string> {
  const found = await trx
    .selectFrom('visitors')
    .select('id')
    .where('workspace_id', '=', p.workspaceId)
    .where('inbox_id', '=', p.inboxId)
    .where('contact_id', '=', p.contactId)
    .orderBy('created_at')
    .executeTakeFirst();
  if (found) return found.id;
  const id = newId();
  await trx
    .insertInto('visitors')
    .values({
      id,
      workspace_id: p.workspaceId,
      inbox_id: p.inboxId,
      // A token nobody was given: the visitor exists, no one can connect as them.
      token_hash: hashToken(newToken()),
      contact_id: p.contactId,
      verified_contact_id: null,
      page_url: null,
      page_title: null,
      referrer: null,
      user_agent: null,
      time_zone: null,
      locale: null,
      visit_count: 0,
      created_at: p.now,
      last_seen_at: null,
    })
    .execute();
  return id;
}

export async function startEmailConversation(
  trx: Db,
  p: { workspaceId: string; inboxId: string; from: string; name: string | undefined; now: number },
): Promise<EmailConversationStarted> {
  const { contact, created } = await contactFor(trx, p);
  const visitorId = await visitorFor(trx, { workspaceId: p.workspaceId, inboxId: p.inboxId, contactId: contact.id, now: p.now });
  const row = await startConversation(trx, { workspaceId: p.workspaceId, inboxId: p.inboxId, visitorId, now: p.now });
  await trx.updateTable('conversations').set({ awaiting_email_reply: 1 }).where('id', '=', row.id).execute();
  return { conversation: { ...row, awaiting_email_reply: 1 }, createdContact: created ? contact : null };
}
