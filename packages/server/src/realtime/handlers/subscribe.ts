import { forVisitor } from '../../conversation/conversation.repository.js';
import { getConversationRow, summarize } from '../../conversation/conversation.service.js';
import { notFound } from '../../errors.js';
import { authorize } from '../../policy/policy.js';
import { room } from '../rooms.js';
import { startSubscription } from '../sync.js';
import type { FrameHandler } from './types.js';

export const subscribe: FrameHandler<'subscribe'> = async ({ ctx, rooms }, conn, frame) => {
  const identity = conn.identity;
  if (!identity) return;
  const workspaceId = identity.kind === 'visitor' ? identity.visitor.workspaceId : identity.operator.workspaceId;
  if (identity.kind === 'operator') authorize(identity.operator, 'conversation.view');
  const row = await getConversationRow(ctx, workspaceId, frame.conversationId);
  if (identity.kind === 'visitor' && row.visitor_id !== identity.visitor.id) throw notFound('Conversation');
  const name = room.conversation(row.id);
  const { seq, hasEarlier } = await startSubscription(ctx, conn, row.id, frame.after, async () => {
    conn.rooms.add(name);
    await rooms.join(name, conn);
  });
  conn.send({
    type: 'synced',
    conversationId: row.id,
    seq,
    hasEarlier,
    conversation: identity.kind === 'visitor' ? forVisitor(await summarize(ctx, row)) : await summarize(ctx, row),
    ...(frame.ref ? { ref: frame.ref } : {}),
  });
};

export const unsubscribe: FrameHandler<'unsubscribe'> = ({ rooms }, conn, frame) => {
  const name = room.conversation(frame.conversationId);
  conn.subs.delete(frame.conversationId);
  conn.rooms.delete(name);
  rooms.leave(name, conn);
};
