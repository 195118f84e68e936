import type { Context } from '../context.js';
import { advanceReadSeq, findConversation } from './conversation.repository.js';
import { summarize } from './conversation.service.js';

/**
 * Read receipts: the visitor or the operators have read up to `seq`. Only
 * moves forward. When an operator reads, every console's unread count for the
 * conversation clears too.
 */
export async function markRead(
  ctx: Context,
  p: { workspaceId: string; conversationId: string; reader: 'visitor' | 'operator'; seq: number },
): Promise<boolean> {
  const moved = await advanceReadSeq(ctx.db, p.workspaceId, p.conversationId, p.reader, p.seq);
  if (!moved) return false;
  ctx.events.emit({ type: 'conversation.read', ...p });
  if (p.reader === 'operator') {
    const row = await findConversation(ctx.db, p.workspaceId, p.conversationId);
    if (row) ctx.events.emit({ type: 'conversation.updated', workspaceId: p.workspaceId, visitorId: row.visitor_id, conversation: await summarize(ctx, row) });
  }
  return true;
}
