/**
 * What both forms do once their values are checked, in one transaction: the
 * visitor's details go to their own contact (saveVisitorDetails), a new
 * conversation starts with the visitor's first message (as "New
 * conversation" does: the same client id twice starts one), and the
 * conversation gets what the form says about it (the team chosen, waiting
 * for an email reply), with the consent recorded. Then everything is
 * announced as for any new conversation. A form sent again with its client
 * id writes nothing and answers the conversation it started.
 */
import type { Context } from '../context.js';
import { contactChanged } from '../contact/contact-events.js';
import { type ContactRow, presentContact } from '../contact/contact.repository.js';
import { newId } from '../ids.js';
import { announceStored } from '../message/message.events.js';
import { findVisitorMessageByClientId, lockVisitor } from '../message/message.repository.js';
import type { SendResult } from '../message/message.js';
import { storeMessage } from '../message/send-message.js';
import type { Visitor } from '../visitor/visitor.js';
import { type SavedDetails, saveVisitorDetails, type VisitorDetails } from './save-visitor-details.js';

export interface StartFromFormProps {
  visitor: Visitor;
  clientId: string;
  message: string;
  details: VisitorDetails;
  /** Set on the new conversation. */
  teamId?: string | undefined;
  awaitingEmailReply?: boolean;
  /** The consent text the visitor ticked, as shown, and the language it was shown in. */
  consent?: { text: string; language: string } | undefined;
}

export interface FormStarted extends SendResult {
  /** The visitor's contact as it is now (null: they gave nothing and had none). */
  contact: ContactRow | null;
}

export async function startFromForm(ctx: Context, p: StartFromFormProps): Promise<FormStarted> {
  const now = ctx.now();
  const { stored, saved, consented } = await ctx.db.transaction().execute(async (trx) => {
    await lockVisitor(trx, ctx.dbKind, p.visitor.id);
    const sent = await findVisitorMessageByClientId(trx, p.visitor.id, p.clientId);
    const saved: SavedDetails | null = sent ? null : await saveVisitorDetails(trx, { visitor: p.visitor, details: p.details, now, ensure: !!p.consent });
    const stored = await storeMessage(trx, ctx.dbKind, {
      workspaceId: p.visitor.workspaceId,
      visitor: p.visitor,
      author: { kind: 'visitor', id: p.visitor.id, name: null },
      clientId: p.clientId,
      body: p.message,
      newConversation: true,
      now,
    });
    if (stored.duplicate) return { stored, saved, consented: false };
    // The team chosen replaces the inbox's; with a team the conversation waits in its queue (routing).
    const teamId = p.teamId ?? stored.conversation.team_id;
    // A conversation an agent bot is handling joins the queue when the bot hands it over, not before.
    const withBot = await trx
      .selectFrom('bot_conversations')
      .select('bot_id')
      .where('conversation_id', '=', stored.conversation.id)
      .where('handed_over_at', 'is', null)
      .executeTakeFirst();
    const set = {
      team_id: teamId,
      queued_at: teamId && !withBot ? (stored.conversation.queued_at ?? now) : null,
      awaiting_email_reply: p.awaitingEmailReply ? 1 : 0,
    };
    if (p.teamId || set.awaiting_email_reply) {
      await trx.updateTable('conversations').set(set).where('id', '=', stored.conversation.id).execute();
      stored.conversation = { ...stored.conversation, ...set };
    }
    const contactId = saved?.contact.id ?? stored.conversation.contact_id;
    const consented = !!(p.consent && contactId);
    if (p.consent && contactId) {
      await trx
        .insertInto('contact_consents')
        .values({
          id: newId(),
          workspace_id: p.visitor.workspaceId,
          contact_id: contactId,
          visitor_id: p.visitor.id,
          inbox_id: p.visitor.inboxId,
          conversation_id: stored.conversation.id,
          text: p.consent.text,
          language: p.consent.language,
          given_at: now,
        })
        .execute();
    }
    return { stored, saved, consented };
  });
  const result = announceStored(ctx.events, stored);
  // A contact made just now: webhooks hear of it.
  if (saved?.created) ctx.events.emit({ type: 'contact.created', workspaceId: p.visitor.workspaceId, contact: presentContact(saved.contact) });
  // Consoles showing the contact fetch it again: its new values, or the consent just given.
  if (saved && (saved.changed || consented)) await contactChanged(ctx, saved.contact, 'updated');
  return { ...result, contact: saved?.contact ?? stored.contact };
}
