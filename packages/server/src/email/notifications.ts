/**
 * Notices by mail to operators who asked for them in their profile settings:
 * a note mentions them, a conversation is assigned to them, a task of theirs
 * is due. Each is one queued mail (state and retries like every mail).
 */
import type { Context } from '../context.js';
import { noticeMail } from './compose.js';
import { findEmailPreferences, type EmailPreferences } from './email.repository.js';
import { findEmailSettings, isConfigured } from './email-settings.js';
import { queueMail } from './queue-mail.js';

const linkTo = (ctx: Context, conversationId: string | null) =>
  ctx.config.publicUrl && conversationId ? `${ctx.config.publicUrl.replace(/\/+$/, '')}/console/#/c/${conversationId}` : null;

async function notify(
  ctx: Context,
  p: { workspaceId: string; operatorId: string; wants: keyof EmailPreferences; subject: string; lines: string[]; conversationId: string | null },
): Promise<void> {
  if (!(await findEmailPreferences(ctx.db, p.operatorId))[p.wants]) return;
  const settings = await findEmailSettings(ctx.db, p.workspaceId);
  if (!isConfigured(settings)) return;
  const op = await ctx.db
    .selectFrom('operators')
    .select(['email', 'disabled_at'])
    .where('workspace_id', '=', p.workspaceId)
    .where('id', '=', p.operatorId)
    .executeTakeFirst();
  if (!op || op.disabled_at) return;
  const { text, html } = noticeMail(p.lines, linkTo(ctx, p.conversationId));
  await ctx.db
    .transaction()
    .execute((trx) => queueMail(ctx, trx, { workspaceId: p.workspaceId, settings, to: op.email, text, html, purpose: 'notification', subject: p.subject }));
}

export function subscribeNotifications(ctx: Context): void {
  const fail = (err: unknown) => ctx.log.error({ err }, 'email notification failed');
  ctx.events.on('note.created', (e) => {
    for (const m of e.note.mentions) {
      if (m.operatorId === e.note.author.id) continue;
      void notify(ctx, {
        workspaceId: e.workspaceId,
        operatorId: m.operatorId,
        wants: 'onMention',
        subject: `${e.note.author.name} mentioned you`,
        lines: [`${e.note.author.name} mentioned you in a note:`, e.note.body],
        conversationId: e.note.conversationId,
      }).catch(fail);
    }
  });
  ctx.events.on('message.created', (e) => {
    const ev = e.message.event;
    // Assigned by someone else (an operator, a supervisor, routing): taking a conversation oneself needs no mail.
    if (ev?.type !== 'assigned' || !ev.operatorId || ev.operatorId === e.message.author.id) return;
    const who = e.conversation.contact?.name ?? e.conversation.contact?.email ?? 'a visitor';
    void notify(ctx, {
      workspaceId: e.workspaceId,
      operatorId: ev.operatorId,
      wants: 'onAssignment',
      subject: `A conversation with ${who} is assigned to you`,
      lines: [`${ev.byName ? `${ev.byName} assigned` : 'Assigned'} the conversation with ${who} to you.`],
      conversationId: e.conversation.id,
    }).catch(fail);
  });
  ctx.events.on('task.due', (e) => {
    void notify(ctx, {
      workspaceId: e.workspaceId,
      operatorId: e.assigneeId,
      wants: 'onTaskDue',
      subject: `Task due: ${e.title}`,
      lines: [`Your task is due: ${e.title}`],
      conversationId: e.conversationId,
    }).catch(fail);
  });
}
