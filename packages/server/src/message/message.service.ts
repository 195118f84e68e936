import type { MessageDto, RichRequest } from '@switchboard/protocol';
import { LIMITS } from '@switchboard/protocol';
import { messageHtml, unresolvedVariables } from '@switchboard/text';
import type { Context } from '../context.js';
import { badRequest } from '../errors.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import type { Operator } from '../operator/operator.js';
import { seesAllConversations } from '../policy/visibility.js';
import { authorize } from '../policy/policy.js';
import type { SendMessageProps, SendResult } from './message.js';
import { listMessagesAfter, listMessagesBefore, presentMessage } from './message.repository.js';
import { withMoods } from '../mood/mood.repository.js';
import { withEmails } from '../email/email.repository.js';
import { resolveRich, withRichClicks } from '../rich/rich.service.js';

export type { SendResult };

/** A message as the HTTP API answers it: with its text rendered as safe HTML (the same renderer as the widget and the console). */
export const withHtml = (m: MessageDto): MessageDto & { html: string } => ({ ...m, html: messageHtml(m.body) });

export const historyWithHtml = (page: HistoryPage) => ({ ...page, messages: page.messages.map(withHtml) });

/** Store through the group-commit writer; resolves after the commit. */
export async function sendMessage(ctx: Context, props: Omit<SendMessageProps, 'now'>): Promise<SendResult> {
  return ctx.writer.write({ ...props, now: ctx.now() });
}

export async function sendOperatorMessage(
  ctx: Context,
  actor: Operator,
  input: { conversationId: string; clientId: string | null; body: string; attachmentIds?: string[] | undefined; rich?: RichRequest | undefined },
): Promise<SendResult> {
  authorize(actor, 'conversation.reply');
  // Owners and admins see every conversation of the workspace (the writer checks the workspace): no extra read on their path.
  if (!seesAllConversations(actor.role) && input.conversationId) await visibleConversationRow(ctx, actor, input.conversationId);
  // A canned response's {{variable}} left unfilled never reaches the visitor as written.
  const left = unresolvedVariables(input.body);
  if (left.length) throw badRequest(`Fill in ${left.join(', ')} first: it would reach the visitor as written`);
  // A rich message: the products of the operator's own workspace, snapshotted; the body becomes its plain-text rendering.
  const rich = input.rich ? await resolveRich(ctx.db, actor.workspaceId, input.body, input.rich) : null;
  return sendMessage(ctx, {
    workspaceId: actor.workspaceId,
    conversationId: input.conversationId,
    author: { kind: 'operator', id: actor.id, name: actor.name },
    clientId: input.clientId,
    body: rich ? rich.body : input.body,
    attachmentIds: input.attachmentIds,
    rich: rich?.rich ?? null,
  });
}

export interface HistoryPage {
  messages: MessageDto[];
  /** More messages exist before the first one returned. */
  hasEarlier: boolean;
}

/** A page of history: after a sequence (resume) or before one (scrolling back), or the latest page. */
export async function readHistory(
  ctx: Context,
  conversationId: string,
  q: { after?: number | undefined; before?: number | undefined; limit?: number | undefined },
): Promise<HistoryPage> {
  const limit = Math.min(q.limit ?? 50, LIMITS.syncPageSize);
  if (q.after !== undefined) {
    const rows = await listMessagesAfter(ctx.db, conversationId, q.after, limit);
    return { messages: rows.map(presentMessage), hasEarlier: (rows[0]?.seq ?? q.after + 1) > 1 };
  }
  const rows = await listMessagesBefore(ctx.db, conversationId, q.before ?? Number.MAX_SAFE_INTEGER, limit);
  return { messages: rows.map(presentMessage), hasEarlier: (rows[0]?.seq ?? 1) > 1 };
}

export async function operatorHistory(
  ctx: Context,
  actor: Operator,
  conversationId: string,
  q: { after?: number | undefined; before?: number | undefined; limit?: number | undefined },
): Promise<HistoryPage> {
  authorize(actor, 'conversation.view');
  await visibleConversationRow(ctx, actor, conversationId);
  const page = await readHistory(ctx, conversationId, q);
  const messages = await withEmails(ctx.db, await withMoods(ctx.db, conversationId, page.messages));
  return { ...page, messages: await withRichClicks(ctx.db, actor.workspaceId, messages) };
}
