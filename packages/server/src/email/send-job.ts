/**
 * The `email.send` job: hands one queued mail to the workspace's SMTP server.
 * Sent → state sent. A 5xx refusal is final → failed at once with the
 * server's reason. A 4xx or a connection that failed is tried again with the
 * jobs' backoff, and failed after the last try. The mail's Message-ID is fixed
 * when it is queued, so a run repeated after a crash sends the same mail
 * again (a rare duplicate that mail clients show as one message).
 */
import type { Context } from '../context.js';
import { findMessageSeq } from './message-seq.js';
import { findEmail, presentMessageEmail, updateEmailState } from './email.repository.js';
import { findEmailSettings, isConfigured } from './email-settings.js';
import { bounceAddress } from './email-thread.js';
import { deliver, type MailFailure } from './mailer.js';
import { replyToOf, SEND_KIND } from './queue-mail.js';

export function handleSendJob(ctx: Context): void {
  ctx.jobs.handle<{ emailId: string }>(SEND_KIND, async (ctx, payload, job) => {
    const mail = await findEmail(job.db, payload.emailId);
    if (mail?.state !== 'queued') return;
    const settings = await findEmailSettings(job.db, mail.workspace_id);
    let failure: MailFailure | null;
    if (!isConfigured(settings)) {
      failure = { permanent: true, reason: 'Outgoing email is not set up (Settings → Email)' };
    } else {
      failure = await deliver(settings, {
        from: { name: settings.from_name ?? '', address: settings.from_address },
        to: mail.recipient,
        replyTo: (await replyToOf(job.db, settings, mail.conversation_id, mail.recipient)) ?? undefined,
        subject: mail.subject,
        text: mail.body_text ?? '',
        html: mail.body_html ?? '',
        messageId: mail.header_message_id,
        inReplyTo: mail.in_reply_to ?? undefined,
        references: mail.references_ids?.split(' ').filter(Boolean),
        // Bounces come back to Switchboard, naming this mail (without a reply domain they go to the From address).
        envelopeFrom: settings.reply_domain && mail.bounce_token ? bounceAddress(mail.bounce_token, settings.reply_domain) : undefined,
      });
    }
    const last = failure !== null && (failure.permanent || job.attempt >= job.job.max_attempts);
    const state = failure === null ? 'sent' : last ? 'failed' : 'queued';
    const error = failure?.reason ?? null;
    await job.db.transaction().execute(async (trx) => {
      await updateEmailState(trx, mail.id, { state, error, attempts: job.attempt, now: ctx.now() });
      if (state !== 'queued') await job.complete(trx);
    });
    if (mail.message_id && mail.conversation_id) {
      const seq = await findMessageSeq(job.db, mail.message_id);
      if (seq !== undefined)
        ctx.events.emit({
          type: 'email.changed',
          workspaceId: mail.workspace_id,
          conversationId: mail.conversation_id,
          seq,
          email: presentMessageEmail({ state, error, recipient: mail.recipient }),
        });
    }
    // Tried again later: the runner's backoff.
    if (state === 'queued') throw new Error(`Mail not accepted yet: ${error}`);
  });
}
