/**
 * Operator replies that go by mail. In a conversation of an email inbox, or
 * one left as an offline message, every reply goes at once. In any other
 * conversation whose contact has an email address, a reply waits: after the
 * workspace's delay (`email.unseen`, one job per conversation, moved on by
 * each new reply) the replies the visitor has not seen by then go in one mail.
 */
import type { EventOf } from '../events/events.js';
import type { Context } from '../context.js';
import { findContact } from '../contact/contact.repository.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { findInbox } from '../inbox/inbox.repository.js';
import { conversationMail, REPLY_FOOTER } from './compose.js';
import { findEmailSettings, isConfigured } from './email-settings.js';
import { emitQueued, type MailPurpose, type QueueMailProps, queueMail } from './queue-mail.js';

export const UNSEEN_KIND = 'email.unseen';

/** What the team writes to the customer: an operator's reply, or an agent bot's (webhooks and bots). */
const isReply = (m: EventOf<'message.created'>['message']) => (m.author.kind === 'operator' || m.author.kind === 'bot') && m.kind === 'text' && !m.event;

async function recipientOf(ctx: Context, workspaceId: string, contactId: string | null): Promise<string | null> {
  if (!contactId) return null;
  const contact = await findContact(ctx.db, workspaceId, contactId);
  return contact?.email ?? null;
}

async function queueAndTell(ctx: Context, p: QueueMailProps): Promise<void> {
  await ctx.db.transaction().execute((trx) => queueMail(ctx, trx, p));
  emitQueued(ctx, p);
}

export async function onOperatorMessage(ctx: Context, e: EventOf<'message.created'>): Promise<void> {
  const m = e.message;
  if (!isReply(m)) return;
  const settings = await findEmailSettings(ctx.db, e.workspaceId);
  if (!isConfigured(settings)) return;
  const c = e.conversation;
  const to = c.contact?.email ?? (await recipientOf(ctx, e.workspaceId, c.contact?.id ?? null));
  if (!to) return;
  const inbox = await findInbox(ctx.db, e.workspaceId, c.inboxId);
  const purpose: MailPurpose | null = inbox?.kind === 'email' ? 'reply' : c.awaitingEmailReply ? 'offline-reply' : null;
  if (purpose) {
    const { text, html } = conversationMail([{ author: m.author.name ?? 'Support', body: m.body }], REPLY_FOOTER);
    await queueAndTell(ctx, {
      workspaceId: e.workspaceId,
      settings,
      to,
      text,
      html,
      purpose,
      conversation: { id: c.id, inboxId: c.inboxId, seq: m.seq, messageId: m.id },
    });
    return;
  }
  await ctx.jobs.schedule({
    kind: UNSEEN_KIND,
    runAt: ctx.now() + settings.unseen_delay_minutes * 60_000,
    payload: { conversationId: c.id, workspaceId: e.workspaceId },
    key: `${UNSEEN_KIND}:${c.id}`,
    replace: true,
    workspaceId: e.workspaceId,
  });
}

/** The replies the visitor has not seen (after their read cursor), not mailed yet, in one mail. */
export async function sendUnseen(ctx: Context, p: { workspaceId: string; conversationId: string }): Promise<boolean> {
  const settings = await findEmailSettings(ctx.db, p.workspaceId);
  if (!isConfigured(settings)) return false;
  const row = await findConversation(ctx.db, p.workspaceId, p.conversationId);
  if (!row) return false;
  const to = await recipientOf(ctx, p.workspaceId, row.contact_id);
  if (!to) return false;
  const unseen = await ctx.db
    .selectFrom('messages')
    .select(['id', 'seq', 'author_name', 'body'])
    .where('conversation_id', '=', row.id)
    .where('seq', '>', row.visitor_read_seq)
    .where('author_kind', 'in', ['operator', 'bot'])
    .where('kind', '=', 'text')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('email_messages').select('id').whereRef('email_messages.message_id', '=', 'messages.id'))))
    .orderBy('seq')
    .limit(50)
    .execute();
  const last = unseen.at(-1);
  if (!last) return false;
  const { text, html } = conversationMail(
    unseen.map((m) => ({ author: m.author_name ?? 'Support', body: m.body })),
    REPLY_FOOTER,
  );
  // The mail is shown under the last reply it carries.
  await queueAndTell(ctx, {
    workspaceId: p.workspaceId,
    settings,
    to,
    text,
    html,
    purpose: 'unseen',
    conversation: { id: row.id, inboxId: row.inbox_id, seq: Number(last.seq), messageId: last.id },
  });
  return true;
}
