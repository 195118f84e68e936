import { PROTOCOL_VERSION } from '@switchboard/protocol';
import { AppError } from '../../errors.js';
import { authenticate } from '../../operator/auth.service.js';
import { authenticateVisitor } from '../../visitor/visitor.service.js';
import { presentOperator } from '../../operator/operator.presenter.js';
import { HEARTBEAT_MS } from '../connection.js';
import { room } from '../rooms.js';
import type { FrameHandler } from './types.js';
import { readCookie, SESSION_COOKIE } from '../../http/cookies.js';

export const hello: FrameHandler<'hello'> = async ({ ctx, rooms, presence }, conn, frame) => {
  if (conn.identity) return conn.error('bad_frame', 'Already signed in', frame.ref);
  if (frame.v !== PROTOCOL_VERSION) {
    return conn.refuse('bad_version', `This server speaks protocol version ${PROTOCOL_VERSION}; reload to update`);
  }
  try {
    if (frame.auth.kind === 'visitor') {
      const visitor = await authenticateVisitor(ctx, frame.auth.websiteKey, frame.auth.visitorToken);
      conn.identity = { kind: 'visitor', visitor };
      await join(conn, rooms, room.visitor(visitor.id));
      conn.send({
        type: 'welcome',
        v: PROTOCOL_VERSION,
        heartbeatMs: HEARTBEAT_MS,
        identity: { kind: 'visitor', visitorId: visitor.id, workspaceId: visitor.workspaceId },
      });
      return;
    }
    const token = frame.auth.token ?? readCookie(conn.cookieHeader, SESSION_COOKIE);
    const { operator, sessionId } = await authenticate(ctx, token);
    conn.identity = { kind: 'operator', operator, sessionId };
    await join(conn, rooms, room.operators(operator.workspaceId));
    await join(conn, rooms, room.operator(operator.id));
    conn.send({
      type: 'welcome',
      v: PROTOCOL_VERSION,
      heartbeatMs: HEARTBEAT_MS,
      identity: { kind: 'operator', operator: presentOperator(operator, operator.status), workspaceId: operator.workspaceId },
    });
    // After the welcome, so the first frame a client sees is always the welcome.
    presence.connect(operator.workspaceId, operator.id, operator.status);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'unauthorized' || err.code === 'not_found')) {
      return conn.refuse('unauthorized', err.message);
    }
    throw err;
  }
};

async function join(conn: Parameters<FrameHandler<'hello'>>[1], rooms: Parameters<FrameHandler<'hello'>>[0]['rooms'], name: string) {
  conn.rooms.add(name);
  await rooms.join(name, conn);
}
