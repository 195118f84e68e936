/**
 * Rich messages (E2): resolving what a sender asks for against the sender's
 * catalogue, and the visitor's clicks (checked, logged, told to operators).
 */
import type { MessageDto, RichContent, RichRequest } from '@switchboard/protocol';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { AppError, notFound } from '../errors.js';
import { visitorMayAccess } from '../identity/access.js';
import { newId } from '../ids.js';
import { toProductCard } from '../product/product-card.js';
import { findProducts } from '../product/product.repository.js';
import type { Visitor } from '../visitor/visitor.js';
import { type RichClickInput, requestedIds, richBody, richContent, richHas } from './rich.js';
import { countClicks, insertClick } from './rich.repository.js';

/**
 * The snapshot and the plain-text body of a rich message, from the products of
 * the sender's workspace only (another workspace's id is as unknown as a
 * missing one). Quick replies need their question as the message text.
 */
export async function resolveRich(db: Db, workspaceId: string, text: string, req: RichRequest): Promise<{ rich: RichContent; body: string }> {
  if (req.type === 'quick_replies' && !text.trim()) throw new AppError('validation_failed', 'Quick replies need a question: write it as the message text');
  const ids = requestedIds(req);
  const rows = await findProducts(db, workspaceId, ids);
  const rich = richContent(req, new Map(rows.map((r) => [r.id, toProductCard(r)])));
  return { rich, body: richBody(text, rich) };
}

/** Operators' history: each rich message with its click count. */
export async function withRichClicks(db: Db, workspaceId: string, messages: MessageDto[]): Promise<MessageDto[]> {
  const ids = messages.filter((m) => m.rich).map((m) => m.id);
  if (ids.length === 0) return messages;
  const counts = await countClicks(db, workspaceId, ids);
  return messages.map((m) => (m.rich ? { ...m, richClicks: counts.get(m.id) ?? 0 } : m));
}

/**
 * A visitor clicked in a rich message of their conversation: the message must
 * be in that conversation and show that product (or option). Logged, then the
 * conversation's operators hear the message's new count.
 */
export async function recordClick(ctx: Context, visitor: Visitor, conversationId: string, input: RichClickInput): Promise<{ clicks: number }> {
  const conv = await findConversation(ctx.db, visitor.workspaceId, conversationId);
  if (!visitorMayAccess(visitor, conv)) throw notFound('Conversation');
  const message = await ctx.db
    .selectFrom('messages')
    .select(['id', 'rich'])
    .where('workspace_id', '=', visitor.workspaceId)
    .where('conversation_id', '=', conv.id)
    .where('id', '=', input.messageId)
    .executeTakeFirst();
  if (!message) throw notFound('Message');
  let rich: RichContent | null = null;
  try {
    rich = message.rich ? (JSON.parse(message.rich) as RichContent) : null;
  } catch {
    rich = null;
  }
  if (!rich || !richHas(rich, input)) {
    throw new AppError(
      'validation_failed',
      input.action === 'quick_reply' ? 'This message has no such quick reply' : 'This message does not show that product',
    );
  }
  const now = ctx.now();
  await insertClick(ctx.db, {
    id: newId(),
    workspace_id: visitor.workspaceId,
    conversation_id: conv.id,
    message_id: message.id,
    visitor_id: visitor.id,
    product_id: input.productId ?? null,
    option_id: input.optionId ?? null,
    action: input.action,
    created_at: now,
  });
  const clicks = (await countClicks(ctx.db, visitor.workspaceId, [message.id])).get(message.id) ?? 0;
  ctx.events.emit({
    type: 'rich.clicked',
    workspaceId: visitor.workspaceId,
    frame: {
      type: 'richClick',
      conversationId: conv.id,
      messageId: message.id,
      action: input.action,
      productId: input.productId ?? null,
      optionId: input.optionId ?? null,
      clicks,
    },
  });
  return { clicks };
}
