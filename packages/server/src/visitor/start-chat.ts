/**
 * The startChat command ("Start chat" on the Visitors page): an operator
 * starts a conversation with a visitor who is on the site now. It is open,
 * assigned to the operator, and holds the operator's first message, all in
 * one transaction; then the visitor's widget is told (it follows the
 * conversation and opens the chat). Refused when the visitor left the site or
 * is already chatting (details say which, and where).
 */
import type { ConversationSummary, MessageDto } from '@switchboard/protocol';
import { unresolvedVariables } from '@switchboard/text';
import type { Context } from '../context.js';
import { findActiveConversation } from '../conversation/conversation.repository.js';
import { startConversation } from '../conversation/start-conversation.js';
import { AppError, badRequest, notFound } from '../errors.js';
import { announceStored } from '../message/message.events.js';
import { storeMessage } from '../message/send-message.js';
import type { Operator } from '../operator/operator.js';
import { mayViewVisitor, viewerOf } from '../policy/visibility.js';
import { authorize } from '../policy/policy.js';
import { findVisitor } from './visitor.repository.js';

export interface StartChatProps {
  actor: Operator;
  visitorId: string;
  body: string;
  /** The same id twice starts one conversation (a retried request). */
  clientId?: string | undefined;
  /** Whether the visitor is on the site now (on any node). */
  online: (visitorId: string) => boolean;
}

export async function startChat(ctx: Context, p: StartChatProps): Promise<{ conversation: ConversationSummary; message: MessageDto }> {
  authorize(p.actor, 'visitor.start_chat');
  authorize(p.actor, 'conversation.reply');
  const body = p.body.trim();
  if (!body) throw badRequest('Write the first message');
  const left = unresolvedVariables(body);
  if (left.length) throw badRequest(`Fill in ${left.join(', ')} first: it would reach the visitor as written`);
  const visitor = await findVisitor(ctx.db, p.actor.workspaceId, p.visitorId);
  if (!visitor || !(await mayViewVisitor(ctx, await viewerOf(ctx, p.actor), visitor.id))) throw notFound('Visitor');
  const stored = await ctx.db.transaction().execute(async (trx) => {
    // One conversation per visitor at a time, even when two operators click at once (PostgreSQL locks the visitor; SQLite writes one at a time).
    if (ctx.dbKind === 'postgres') await trx.selectFrom('visitors').select('id').where('id', '=', visitor.id).forUpdate().execute();
    const active = await findActiveConversation(trx, visitor.id);
    if (active) {
      if (p.clientId) {
        const mine = await trx
          .selectFrom('messages')
          .select('id')
          .where('conversation_id', '=', active.id)
          .where('client_id', '=', p.clientId)
          .executeTakeFirst();
        if (mine) return storeMessage(trx, ctx.dbKind, messageProps(p, active.id, body, ctx.now()));
      }
      throw new AppError('conflict', 'This visitor is already chatting: open their conversation', {
        details: { reason: 'already_chatting', conversationId: active.id },
      });
    }
    if (!p.online(visitor.id)) throw new AppError('conflict', 'This visitor has left the site', { details: { reason: 'visitor_offline' } });
    const row = await startConversation(trx, {
      workspaceId: visitor.workspace_id,
      inboxId: visitor.inbox_id,
      visitorId: visitor.id,
      now: ctx.now(),
      withBot: false,
    });
    await trx.updateTable('conversations').set({ assignee_id: p.actor.id }).where('id', '=', row.id).execute();
    return storeMessage(trx, ctx.dbKind, messageProps(p, row.id, body, ctx.now()));
  });
  const result = announceStored(ctx.events, stored);
  if (!stored.duplicate) {
    ctx.events.emit({ type: 'conversation.created', workspaceId: p.actor.workspaceId, visitorId: visitor.id, conversation: result.conversation });
    ctx.events.emit({
      type: 'visitor.invited',
      workspaceId: p.actor.workspaceId,
      visitorId: visitor.id,
      conversationId: result.conversation.id,
      operatorName: p.actor.name,
    });
  }
  return { conversation: result.conversation, message: result.message };
}

function messageProps(p: StartChatProps, conversationId: string, body: string, now: number) {
  return {
    workspaceId: p.actor.workspaceId,
    conversationId,
    author: { kind: 'operator' as const, id: p.actor.id, name: p.actor.name },
    clientId: p.clientId ?? null,
    body,
    now,
  };
}
