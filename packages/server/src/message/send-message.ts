/**
 * The sendMessage command: store a visitor's or an operator's message exactly
 * once, at the conversation's next sequence number, starting the conversation
 * when a visitor writes first. Runs inside the caller's transaction (the
 * message writer batches many of these into one).
 */
import { findUnlinked, linkAttachments, presentAttachment } from '../attachment/attachment.repository.js';
import { type ContactRow, findContact } from '../contact/contact.repository.js';
import { type ConversationRow, findActiveConversation, findConversation } from '../conversation/conversation.repository.js';
import { startConversation } from '../conversation/start-conversation.js';
import type { Db } from '../db/database.js';
import { AppError, badRequest, conflict, notFound } from '../errors.js';
import { visitorMayAccess } from '../identity/access.js';
import { type Dialect, type MessageRow, type NewMessage, reopenedByVisitor, type SendMessageProps, type StoredMessage, wakesOnVisitor } from './message.js';
import { appendMessages, findByClientId, findVisitorMessageByClientId, lockVisitor } from './message.repository.js';

async function resolveConversation(db: Db, dialect: Dialect, p: SendMessageProps, withFiles: boolean): Promise<{ row: ConversationRow; created: boolean }> {
  if (p.conversationId) {
    let row = await findConversation(db, p.workspaceId, p.conversationId);
    // A visitor probing someone else's conversation learns nothing: same answer as a missing one.
    if (!row || (p.visitor && !visitorMayAccess(p.visitor, row))) throw notFound('Conversation');
    // A message sent to a conversation that was merged meanwhile goes where its messages went.
    for (let hop = 0; row.merged_into && hop < 5; hop++) {
      const next = await findConversation(db, p.workspaceId, row.merged_into);
      if (!next || (p.visitor && !visitorMayAccess(p.visitor, next))) throw conflict('This conversation was merged into another one');
      row = next;
    }
    return { row, created: false };
  }
  if (!p.visitor) throw badRequest('conversationId is required');
  if (p.newConversation) {
    // "New conversation": sent again with the same client id, it belongs to the conversation it started.
    await lockVisitor(db, dialect, p.visitor.id);
    const sent = p.clientId ? await findVisitorMessageByClientId(db, p.visitor.id, p.clientId) : undefined;
    const row = sent && (await findConversation(db, p.workspaceId, sent.conversation_id));
    if (row) return { row, created: false };
  } else {
    const active = await findActiveConversation(db, p.visitor.id);
    if (active) return { row: active, created: false };
  }
  // Files are uploaded into a conversation, so a message that starts one cannot carry any.
  if (withFiles) throw badRequest('Unknown or already used attachment');
  const row = await startConversation(db, { workspaceId: p.workspaceId, inboxId: p.visitor.inboxId, visitorId: p.visitor.id, now: p.now });
  return { row, created: true };
}

async function contactOf(db: Db, conv: ConversationRow): Promise<ContactRow | null> {
  return conv.contact_id ? ((await findContact(db, conv.workspace_id, conv.contact_id)) ?? null) : null;
}

export async function storeMessage(db: Db, dialect: Dialect, p: SendMessageProps): Promise<StoredMessage> {
  const ids = [...new Set(p.attachmentIds ?? [])];
  if (!p.body.trim() && ids.length === 0) throw badRequest('A message needs text or an attachment');
  const { row: conv, created } = await resolveConversation(db, dialect, p, ids.length > 0);
  if (p.clientId) {
    const existing = await findByClientId(db, conv.id, p.clientId);
    if (existing) {
      const contact = await contactOf(db, conv);
      return { row: existing, conversation: conv, contact, duplicate: true, createdConversation: false, events: [] };
    }
  }
  const files = await findUnlinked(db, conv.id, p.author.id ?? '', ids);
  if (files.length !== ids.length) throw badRequest('Unknown or already used attachment');
  // A visitor writing into a resolved conversation brings it back to the operators, and they see why.
  const reopened = p.author.kind === 'visitor' && wakesOnVisitor(conv.status);
  const message: NewMessage = {
    clientId: p.clientId,
    author: p.author,
    kind: 'text',
    body: p.body,
    attachments: files.map(presentAttachment),
    event: null,
    createdAt: p.now,
    rich: p.rich ?? null,
  };
  const appended = await appendMessages(db, dialect, p.workspaceId, conv.id, reopened ? [reopenedByVisitor(p.now, conv.status), message] : [message], reopened);
  const row = appended?.rows.at(-1);
  if (!appended || !row) throw new AppError('not_found', 'Conversation not found');
  // A file deleted meanwhile (never sent within a day) fails the send whole rather than pointing at nothing.
  if ((await linkAttachments(db, ids, row.id)) !== ids.length) throw badRequest('Unknown or already used attachment');
  const contact = await contactOf(db, appended.conversation);
  return {
    row,
    conversation: appended.conversation,
    contact,
    duplicate: false,
    createdConversation: created,
    events: appended.rows.slice(0, -1) as MessageRow[],
  };
}
