import { markRead } from '../../conversation/mark-read.js';
import { setOperatorStatus } from '../../operator/operator.service.js';
import { room } from '../rooms.js';
import type { FrameHandler } from './types.js';

/** Typing is ephemeral: published to the room, never stored. Only followed conversations. */
export const typing: FrameHandler<'typing'> = ({ rooms, autoAway }, conn, frame) => {
  const identity = conn.identity;
  if (!identity || !conn.subs.has(frame.conversationId)) return conn.error('not_found', 'Subscribe to the conversation first', frame.ref);
  if (identity.kind === 'operator' && frame.typing) autoAway.activity(identity.operator);
  const author =
    identity.kind === 'visitor'
      ? { kind: 'visitor' as const, id: identity.visitor.id, name: null }
      : { kind: 'operator' as const, id: identity.operator.id, name: identity.operator.name };
  void rooms.publish(room.conversation(frame.conversationId), { type: 'typing', conversationId: frame.conversationId, author, typing: frame.typing });
};

export const read: FrameHandler<'read'> = async ({ ctx }, conn, frame) => {
  const identity = conn.identity;
  if (!identity || !conn.subs.has(frame.conversationId)) return conn.error('not_found', 'Subscribe to the conversation first', frame.ref);
  const workspaceId = identity.kind === 'visitor' ? identity.visitor.workspaceId : identity.operator.workspaceId;
  await markRead(ctx, { workspaceId, conversationId: frame.conversationId, reader: identity.kind, seq: frame.seq });
};

export const presence: FrameHandler<'presence'> = async ({ ctx, presence, autoAway }, conn, frame) => {
  const identity = conn.identity;
  if (identity?.kind !== 'operator') return conn.error('forbidden', 'Only operators have a presence status', frame.ref);
  await setOperatorStatus(ctx, identity.operator, frame.status);
  identity.operator = { ...identity.operator, status: frame.status };
  presence.setStatus(identity.operator.workspaceId, identity.operator.id, frame.status);
  // A chosen status holds on every node, and is no automatic away.
  autoAway.chose(identity.operator, frame.status);
};

/** Recorded in the background (realtime/visitor-pages.ts): the visitor's next frames do not wait for it. */
export const page: FrameHandler<'page'> = ({ visitorPages }, conn, frame) => {
  const identity = conn.identity;
  if (identity?.kind !== 'visitor') return conn.error('forbidden', 'Only visitors report pages', frame.ref);
  visitorPages.report(conn, identity.visitor, frame);
};

export const ping: FrameHandler<'ping'> = (_deps, conn, frame) => {
  conn.send({ type: 'pong', now: Date.now(), ...(frame.ref ? { ref: frame.ref } : {}) });
};
