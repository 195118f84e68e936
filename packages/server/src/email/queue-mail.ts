/**
 * The queueMail command: one outgoing mail becomes a row of email_messages
 * (state queued) and an `email.send` job, in one transaction, so a mail is
 * never lost and never sent without its row. A mail about a conversation is
 * threaded: its subject is the conversation's ("Re: ..." every time), it
 * answers the conversation's previous mail (In-Reply-To, References), and its
 * Reply-To is the conversation's reply address for this recipient.
 */
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { newId } from '../ids.js';
import { findInbox, toInbox } from '../inbox/inbox.repository.js';
import { presentPublicInbox } from '../inbox/inbox.service.js';
import { conversationEmails, presentMessageEmail } from './email.repository.js';
import { type EmailSettingsRow, mailDomain } from './email-settings.js';
import { ensureThread, newHeaderMessageId, newThreadToken, replyAddress } from './email-thread.js';

export const SEND_KIND = 'email.send';
/** A mail the server keeps refusing for a while (4xx, no connection) is given up after this many tries (20 to 40 minutes, with the jobs' backoff). */
export const SEND_ATTEMPTS = 9;

export type MailPurpose = 'reply' | 'offline-reply' | 'unseen' | 'transcript' | 'notification' | 'test';

export interface QueueMailProps {
  workspaceId: string;
  settings: EmailSettingsRow;
  to: string;
  text: string;
  html: string;
  purpose: MailPurpose;
  /** A mail of a conversation: threaded with its other mails. */
  conversation?: { id: string; inboxId: string; seq?: number | undefined; messageId?: string | undefined } | undefined;
  /** The subject of a mail outside a conversation (notifications, test). */
  subject?: string | undefined;
}

export interface QueuedMail {
  id: string;
  headerMessageId: string;
}

const stripRe = (s: string) => s.replace(/^\s*((re|fwd?|aw|sv)\s*:\s*)+/i, '').trim();

async function conversationSubject(db: Db, workspaceId: string, inboxId: string, earlier: { subject: string }[]): Promise<string> {
  const first = earlier.find((m) => stripRe(m.subject));
  if (first) return `Re: ${stripRe(first.subject)}`;
  const inbox = await findInbox(db, workspaceId, inboxId);
  const team = inbox ? presentPublicInbox(toInbox(inbox)).teamName : 'us';
  return `Re: Your conversation with ${team}`;
}

export async function queueMail(ctx: Context, db: Db, p: QueueMailProps): Promise<QueuedMail> {
  const now = ctx.now();
  const domain = mailDomain(p.settings);
  const id = newId();
  const headerMessageId = newHeaderMessageId(domain);
  let subject = p.subject ?? 'Switchboard';
  let inReplyTo: string | null = null;
  let references: string[] = [];
  if (p.conversation) {
    const earlier = await conversationEmails(db, p.workspaceId, p.conversation.id);
    subject = await conversationSubject(db, p.workspaceId, p.conversation.inboxId, earlier);
    references = earlier.map((m) => m.header_message_id).slice(-20);
    inReplyTo = references.at(-1) ?? null;
  }
  await db
    .insertInto('email_messages')
    .values({
      id,
      workspace_id: p.workspaceId,
      conversation_id: p.conversation?.id ?? null,
      message_id: p.conversation?.messageId ?? null,
      direction: 'out',
      purpose: p.purpose,
      header_message_id: headerMessageId,
      in_reply_to: inReplyTo,
      recipient: p.to.trim().toLowerCase(),
      subject,
      state: 'queued',
      error: null,
      attempts: 0,
      body_text: p.text,
      body_html: p.html,
      references_ids: references.join(' ') || null,
      bounce_token: newThreadToken(),
      created_at: now,
      updated_at: now,
    })
    .execute();
  if (p.conversation && p.settings.reply_domain) {
    // Made now, so the reply address exists before the mail that names it leaves.
    await ensureThread(db, { workspaceId: p.workspaceId, conversationId: p.conversation.id, email: p.to, now });
  }
  await ctx.jobs.schedule(
    { kind: SEND_KIND, runAt: now, payload: { emailId: id }, key: `${SEND_KIND}:${id}`, maxAttempts: SEND_ATTEMPTS, workspaceId: p.workspaceId },
    db,
  );
  return { id, headerMessageId };
}

/** After the commit: the conversation's operators see the mail queued under its message. */
export function emitQueued(ctx: Context, p: QueueMailProps): void {
  if (p.conversation?.seq === undefined) return;
  ctx.events.emit({
    type: 'email.changed',
    workspaceId: p.workspaceId,
    conversationId: p.conversation.id,
    seq: p.conversation.seq,
    email: presentMessageEmail({ state: 'queued', error: null, recipient: p.to.trim().toLowerCase() }),
  });
}

/** The Reply-To of a conversation's mail to this recipient (null without a reply domain). */
export async function replyToOf(db: Db, settings: EmailSettingsRow, conversationId: string | null, to: string): Promise<string | null> {
  if (!conversationId || !settings.reply_domain) return null;
  const row = await db
    .selectFrom('email_threads')
    .select('token')
    .where('conversation_id', '=', conversationId)
    .where('email', '=', to.trim().toLowerCase())
    .executeTakeFirst();
  return row ? replyAddress(row.token, settings.reply_domain) : null;
}
