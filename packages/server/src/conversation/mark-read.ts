import type { Context } from '../context.js';
import { advanceReadSeq } from './conversation.repository.js';

/** Read receipts: the visitor or the operators have read up to `seq`. Only moves forward. */
export async function markRead(
  ctx: Context,
  p: { workspaceId: string; conversationId: string; reader: 'visitor' | 'operator'; seq: number },
): Promise<boolean> {
  const moved = await advanceReadSeq(ctx.db, p.workspaceId, p.conversationId, p.reader, p.seq);
  if (moved) ctx.events.emit({ type: 'conversation.read', ...p });
  return moved;
}
