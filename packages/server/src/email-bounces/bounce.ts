/**
 * The receiveBounce command: a delivery status notification about a mail
 * Switchboard sent. The mail is found by the token of the bounce address the
 * DSN came back to (bounce+<token>@<reply domain>, its envelope sender), else
 * by the Message-ID the DSN quotes, else by the reply address it was sent to
 * (the conversation's newest mail to that recipient). A failed delivery
 * (Action: failed) marks the mail failed with the reason the report gives,
 * and the conversation's operators see "Email failed: <reason>" under the
 * message live, as when the SMTP server refused it at once. A delay only
 * notes the reason on the mail. A bounce never becomes a message of the
 * conversation; one about no mail of ours is dropped.
 */
import type { Context } from '../context.js';
import { type EmailRow, presentMessageEmail } from '../email/email.repository.js';
import { bounceTokenOf, findThread, threadTokenOf } from '../email/email-thread.js';
import { findMessageSeq } from '../email/message-seq.js';
import { type DeliveryReport, reasonOf } from './dsn.js';

export interface Bounce {
  /** The DSN's report; null for a mail to a bounce address that is no DSN (it is dropped). */
  report: DeliveryReport | null;
  /** Where it was delivered: the envelope's recipients, or the headers' addresses (the relay). */
  addresses: string[];
  /** The relay's workspace: only its mails. */
  workspaceId?: string | undefined;
}

export type BounceOutcome = { outcome: 'failed' | 'delayed' | 'ignored'; emailId: string | null };

async function reportedMail(ctx: Context, b: Bounce): Promise<EmailRow | undefined> {
  const out = () => {
    let q = ctx.db.selectFrom('email_messages').selectAll().where('direction', '=', 'out');
    if (b.workspaceId) q = q.where('workspace_id', '=', b.workspaceId);
    return q;
  };
  const addresses = b.addresses.map((a) => a.trim().toLowerCase());
  for (const token of addresses.map(bounceTokenOf)) {
    const row = token ? await out().where('bounce_token', '=', token).executeTakeFirst() : undefined;
    if (row) return row;
  }
  if (b.report?.originalMessageId) {
    const row = await out().where('header_message_id', '=', b.report.originalMessageId).executeTakeFirst();
    if (row) return row;
  }
  for (const token of addresses.map(threadTokenOf)) {
    const thread = token ? await findThread(ctx.db, token) : undefined;
    if (!thread || (b.workspaceId && thread.workspace_id !== b.workspaceId)) continue;
    const row = await out()
      .where('conversation_id', '=', thread.conversation_id)
      .where('recipient', '=', thread.email)
      .where('state', '=', 'sent')
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    if (row) return row;
  }
  return undefined;
}

export async function receiveBounce(ctx: Context, b: Bounce): Promise<BounceOutcome> {
  if (!b.report) return { outcome: 'ignored', emailId: null };
  const mail = await reportedMail(ctx, b);
  if (!mail) return { outcome: 'ignored', emailId: null };
  // The block about this mail's recipient, else the report's first (a relay may have rewritten the address).
  const about = b.report.recipients.filter((r) => r.recipient === mail.recipient);
  const blocks = about.length > 0 ? about : b.report.recipients;
  const failed = blocks.find((r) => r.action === 'failed');
  const delayed = blocks.find((r) => r.action === 'delayed');
  // A mail still queued is the send job's; one already failed keeps its first reason.
  if (mail.state !== 'sent' || (!failed && !delayed)) return { outcome: 'ignored', emailId: mail.id };
  const now = ctx.now();
  if (!failed) {
    await ctx.db
      .updateTable('email_messages')
      .set({ error: `Delayed: ${reasonOf(delayed!)}`.slice(0, 500), updated_at: now })
      .where('id', '=', mail.id)
      .where('state', '=', 'sent')
      .execute();
    return { outcome: 'delayed', emailId: mail.id };
  }
  const error = reasonOf(failed);
  const changed = await ctx.db
    .updateTable('email_messages')
    .set({ state: 'failed', error, updated_at: now })
    .where('id', '=', mail.id)
    .where('state', '=', 'sent')
    .executeTakeFirst();
  // Two copies of the DSN at once: the one that changed the mail says so.
  if (Number(changed.numUpdatedRows) === 0) return { outcome: 'ignored', emailId: mail.id };
  ctx.log.info({ emailId: mail.id, workspaceId: mail.workspace_id }, 'email bounced');
  if (mail.message_id && mail.conversation_id) {
    const seq = await findMessageSeq(ctx.db, mail.message_id);
    if (seq !== undefined)
      ctx.events.emit({
        type: 'email.changed',
        workspaceId: mail.workspace_id,
        conversationId: mail.conversation_id,
        seq,
        email: presentMessageEmail({ state: 'failed', error, recipient: mail.recipient }),
      });
  }
  return { outcome: 'failed', emailId: mail.id };
}
