import { sendMessage, sendOperatorMessage } from '../../message/message.service.js';
import type { Connection } from '../connection.js';
import { reportFrameError } from '../errors.js';
import type { FrameHandler } from './types.js';
import { IDENTITY_REQUIRED_MESSAGE } from '../../identity/requirement.js';
import { visitorMayWrite } from '../visitor-access.js';

/**
 * Stores the message, then acks. The handler does not wait for the commit, so
 * one connection can have several sends in flight; they are stored in the
 * order they arrived.
 */
export const send: FrameHandler<'send'> = async ({ ctx, autoAway }, conn, frame) => {
  const identity = conn.identity;
  if (!identity) return;
  if (identity.kind === 'operator') autoAway.activity(identity.operator);
  if (!conn.sends.take()) {
    return conn.error('rate_limited', 'Sending too fast; slow down', frame.ref);
  }
  if (frame.newConversation && (identity.kind === 'operator' || frame.conversationId)) {
    return conn.error('bad_frame', 'newConversation is for a visitor starting a conversation: leave conversationId out', frame.ref);
  }
  if (frame.rich && identity.kind === 'visitor') return conn.error('bad_frame', 'Rich messages are sent by operators and bots', frame.ref);
  if (identity.kind === 'visitor' && !(await visitorMayWrite(ctx, identity))) return conn.error('identity_required', IDENTITY_REQUIRED_MESSAGE, frame.ref);
  const stored =
    identity.kind === 'visitor'
      ? sendMessage(ctx, {
          workspaceId: identity.visitor.workspaceId,
          conversationId: frame.conversationId,
          visitor: identity.visitor,
          author: { kind: 'visitor', id: identity.visitor.id, name: null },
          clientId: frame.clientId,
          body: frame.body,
          attachmentIds: frame.attachmentIds,
          newConversation: frame.newConversation,
        })
      : sendOperatorMessage(ctx, identity.operator, {
          conversationId: frame.conversationId ?? '',
          clientId: frame.clientId,
          body: frame.body,
          attachmentIds: frame.attachmentIds,
          rich: frame.rich,
        });
  stored.then(
    (r) => ack(conn, frame.ref, frame.clientId, r),
    (err) => reportFrameError(ctx.log, conn, err, frame.ref),
  );
};

function ack(conn: Connection, ref: string | undefined, clientId: string, r: Awaited<ReturnType<typeof sendMessage>>): void {
  conn.send({
    type: 'ack',
    ...(ref ? { ref } : {}),
    clientId,
    conversationId: r.message.conversationId,
    seq: r.message.seq,
    messageId: r.message.id,
    createdAt: r.message.createdAt,
    duplicate: r.duplicate,
  });
}
