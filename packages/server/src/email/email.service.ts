/** What the email routes do: the test mail, the mails of a conversation, transcripts by mail, the operator's notice choices. */
import type { Context } from '../context.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { findContact } from '../contact/contact.repository.js';
import { getConversationRow, visibleConversationRow } from '../conversation/conversation.service.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { operatorTranscript, visitorTranscript } from '../transcript/transcript.service.js';
import type { Visitor } from '../visitor/visitor.js';
import { noticeMail } from './compose.js';
import { conversationEmails, type EmailPreferences, type EmailRow, findEmailPreferences, saveEmailPreferences } from './email.repository.js';
import { findEmailSettings, isConfigured, mailDomain } from './email-settings.js';
import { newHeaderMessageId } from './email-thread.js';
import { deliver } from './mailer.js';
import { queueMail } from './queue-mail.js';

/** Sends a test mail to the admin's own address at once (not queued: the answer says what the server said). */
export async function sendTestEmail(ctx: Context, actor: Operator): Promise<{ sent: boolean; recipient: string; error: string | null }> {
  authorize(actor, 'email.manage');
  const settings = await findEmailSettings(ctx.db, actor.workspaceId);
  if (!isConfigured(settings)) throw badRequest('Set the SMTP host and the from address first');
  const { text, html } = noticeMail(['This is a test email from Switchboard. Outgoing email works.'], null);
  const failure = await deliver(settings, {
    from: { name: settings.from_name ?? '', address: settings.from_address },
    to: actor.email,
    subject: 'Switchboard test email',
    text,
    html,
    messageId: newHeaderMessageId(mailDomain(settings)),
  });
  return { sent: failure === null, recipient: actor.email, error: failure?.reason ?? null };
}

export const presentEmail = (r: EmailRow) => ({
  id: r.id,
  conversationId: r.conversation_id,
  messageId: r.message_id,
  direction: r.direction as 'out' | 'in',
  purpose: r.purpose,
  headerMessageId: r.header_message_id,
  inReplyTo: r.in_reply_to,
  recipient: r.recipient,
  subject: r.subject,
  state: r.state as 'queued' | 'sent' | 'failed' | 'received',
  error: r.error,
  attempts: r.attempts,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
});

export async function listConversationEmails(ctx: Context, actor: Operator, conversationId: string) {
  authorize(actor, 'conversation.view');
  const row = await visibleConversationRow(ctx, actor, conversationId);
  return { items: (await conversationEmails(ctx.db, actor.workspaceId, row.id)).map(presentEmail) };
}

async function mailTranscript(ctx: Context, row: ConversationRow, files: { html: string; text: string }) {
  const settings = await findEmailSettings(ctx.db, row.workspace_id);
  // Not the asker's doing (the widget says so differently from a missing address).
  if (!isConfigured(settings)) throw new AppError('unavailable', 'Outgoing email is not set up');
  const contact = row.contact_id ? await findContact(ctx.db, row.workspace_id, row.contact_id) : undefined;
  if (!contact?.email) throw badRequest('This conversation’s contact has no email address');
  const to = contact.email;
  const queued = await ctx.db.transaction().execute((trx) =>
    queueMail(ctx, trx, {
      workspaceId: row.workspace_id,
      settings,
      to,
      text: files.text,
      html: files.html,
      purpose: 'transcript',
      conversation: { id: row.id, inboxId: row.inbox_id },
    }),
  );
  return { emailId: queued.id, recipient: to };
}

export async function emailOperatorTranscript(ctx: Context, actor: Operator, conversationId: string, baseUrl: string) {
  authorize(actor, 'transcript.email');
  const row = await visibleConversationRow(ctx, actor, conversationId);
  const [html, text] = await Promise.all(
    (['html', 'text'] as const).map((format) => operatorTranscript(ctx, actor, row.id, { format }, baseUrl).then((f) => f.body)),
  );
  return mailTranscript(ctx, row, { html: html!, text: text! });
}

export async function emailVisitorTranscript(ctx: Context, visitor: Visitor, conversationId: string, baseUrl: string) {
  const row = await getConversationRow(ctx, visitor.workspaceId, conversationId).catch(() => undefined);
  if (!row || row.visitor_id !== visitor.id) throw notFound('Conversation');
  const [html, text] = await Promise.all(
    (['html', 'text'] as const).map((format) => visitorTranscript(ctx, visitor, row.id, { format }, baseUrl).then((f) => f.body)),
  );
  return mailTranscript(ctx, row, { html: html!, text: text! });
}

export async function readEmailPreferences(ctx: Context, actor: Operator): Promise<EmailPreferences> {
  return findEmailPreferences(ctx.db, actor.id);
}

export async function updateEmailPreferences(ctx: Context, actor: Operator, input: Partial<EmailPreferences>): Promise<EmailPreferences> {
  authorize(actor, 'operator.update_own_preferences');
  const next = { ...(await findEmailPreferences(ctx.db, actor.id)), ...input };
  await saveEmailPreferences(ctx.db, actor.workspaceId, actor.id, next, ctx.now());
  return next;
}
