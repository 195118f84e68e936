/** Outgoing email as a subscriber: operator replies, notices, and the jobs that send them. */
import type { Context } from '../context.js';
import { onOperatorMessage, sendUnseen, UNSEEN_KIND } from './conversation-mail.js';
import { subscribeNotifications } from './notifications.js';
import { handleSendJob } from './send-job.js';

export function subscribeEmail(ctx: Context): void {
  handleSendJob(ctx);
  ctx.jobs.handle<{ workspaceId: string; conversationId: string }>(UNSEEN_KIND, async (ctx, payload) => {
    // Mails each reply once: replies already carried by a mail are left out when it runs again.
    await sendUnseen(ctx, payload);
  });
  const fail = (err: unknown) => ctx.log.error({ err }, 'queueing a reply by email failed');
  ctx.events.on('message.created', (e) => {
    void onOperatorMessage(ctx, e).catch(fail);
  });
  subscribeNotifications(ctx);
}
