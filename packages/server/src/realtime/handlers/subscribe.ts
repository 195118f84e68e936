import { forVisitor } from '../../conversation/conversation.repository.js';
import { getConversationRow, summarize } from '../../conversation/conversation.service.js';
import { notFound } from '../../errors.js';
import { authorize } from '../../policy/policy.js';
import { room } from '../rooms.js';
import { startSubscription } from '../sync.js';
import { visitorMayFollow } from '../visitor-access.js';
import { mayViewConversation, type Viewer } from '../../policy/visibility.js';
import type { Connection } from '../connection.js';
import type { FrameHandler, RealtimeDeps } from './types.js';

export const subscribe: FrameHandler<'subscribe'> = async ({ ctx, rooms, viewers }, conn, frame) => {
  const identity = conn.identity;
  if (!identity) return;
  const workspaceId = identity.kind === 'visitor' ? identity.visitor.workspaceId : identity.operator.workspaceId;
  if (identity.kind === 'operator') authorize(identity.operator, 'conversation.view');
  const row = await getConversationRow(ctx, workspaceId, frame.conversationId);
  if (identity.kind === 'visitor' && !(await visitorMayFollow(ctx, identity, row))) throw notFound('Conversation');
  // The connection's own view of the operator's teams, kept current by access changes (realtime/access.ts).
  if (identity.kind === 'operator' && !mayViewConversation(connectionViewer(identity), row)) throw notFound('Conversation');
  const name = room.conversation(row.id);
  // Operators also follow the team side (notes, viewers, drafts); never a visitor.
  const names = identity.kind === 'operator' ? [name, room.team(row.id)] : [name];
  const { seq, hasEarlier } = await startSubscription(ctx, conn, row.id, frame.after, async () => {
    for (const n of names) conn.rooms.add(n);
    await Promise.all(names.map((n) => rooms.join(n, conn)));
  });
  conn.send({
    type: 'synced',
    conversationId: row.id,
    seq,
    hasEarlier,
    conversation: identity.kind === 'visitor' ? forVisitor(await summarize(ctx, row)) : await summarize(ctx, row),
    ...(frame.ref ? { ref: frame.ref } : {}),
  });
  // Who else is looking, as it is now; the team room brings the changes.
  if (identity.kind === 'operator') conn.send(viewers.frame(row.id));
};

export const unsubscribe: FrameHandler<'unsubscribe'> = ({ rooms, viewers }, conn, frame) => stopFollowing({ rooms, viewers }, conn, frame.conversationId);

/** The connection stops following a conversation: its rooms, its cursor, its place among the viewers. */
export function stopFollowing({ rooms, viewers }: Pick<RealtimeDeps, 'rooms' | 'viewers'>, conn: Connection, conversationId: string): void {
  conn.subs.delete(conversationId);
  viewers.leave(conn, conversationId);
  for (const name of [room.conversation(conversationId), room.team(conversationId)]) {
    conn.rooms.delete(name);
    rooms.leave(name, conn);
  }
}

/** Who the connection's operator is for visibility.ts: their role and teams as the connection knows them. */
export function connectionViewer(identity: Extract<NonNullable<Connection['identity']>, { kind: 'operator' }>): Viewer {
  const { id, workspaceId, role } = identity.operator;
  return { id, workspaceId, role, teamIds: identity.teamIds };
}
