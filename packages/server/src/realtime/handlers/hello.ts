import { PROTOCOL_VERSION } from '@switchboard/protocol';
import { AppError } from '../../errors.js';
import { authenticate } from '../../operator/auth.service.js';
import { inboxByWebsiteKey, originAllowed } from '../../inbox/inbox.service.js';
import { authenticateVisitor } from '../../visitor/visitor.service.js';
import { presentOperator } from '../../operator/operator.presenter.js';
import type { Connection } from '../connection.js';
import { HEARTBEAT_MS } from '../connection.js';
import { viewerOf } from '../../policy/visibility.js';
import { feedRooms } from '../feed.js';
import { room } from '../rooms.js';
import type { FrameHandler, RealtimeDeps } from './types.js';
import { readCookie, SESSION_COOKIE } from '../../http/cookies.js';

export const hello: FrameHandler<'hello'> = async ({ ctx, rooms, presence, autoAway, availability, queue }, conn, frame) => {
  if (conn.identity) return conn.error('bad_frame', 'Already signed in', frame.ref);
  if (frame.v !== PROTOCOL_VERSION) {
    return conn.refuse('bad_version', `This server speaks protocol version ${PROTOCOL_VERSION}; reload to update`);
  }
  try {
    if (frame.auth.kind === 'visitor') {
      const visitor = await authenticateVisitor(ctx, frame.auth.websiteKey, frame.auth.visitorToken);
      // Without an Origin it is no browser page; the widget's frame is on the server's own origin.
      const { origin, own } = conn.upgrade;
      if (origin !== undefined && !own && !originAllowed(await inboxByWebsiteKey(ctx, frame.auth.websiteKey), origin)) {
        return conn.refuse('forbidden', `Pages on ${origin.slice(0, 100)} are not allowed to use this chat (the inbox's allowed origins)`);
      }
      conn.identity = { kind: 'visitor', visitor };
      await join(conn, rooms, room.visitor(visitor.id));
      await join(conn, rooms, room.widgets(visitor.workspaceId));
      conn.send({
        type: 'welcome',
        v: PROTOCOL_VERSION,
        heartbeatMs: HEARTBEAT_MS,
        identity: { kind: 'visitor', visitorId: visitor.id, workspaceId: visitor.workspaceId },
      });
      // Also after a reconnect: whatever changed meanwhile, the widget knows it now.
      conn.send(await availability.frame({ id: visitor.inboxId, workspaceId: visitor.workspaceId }));
      // Where their waiting conversations stand; a failure here costs the visitor only that line.
      await queue?.tell(visitor.id, (f) => conn.send(f)).catch((err) => ctx.log.warn({ err }, 'could not tell a visitor their place in the queue'));
      return;
    }
    // The cookie comes with every upgrade, whichever page opens it; a token must be known to be sent.
    if (!frame.auth.token && !conn.upgrade.own) {
      // Also what a console sees when PUBLIC_URL is not the address it was opened at: say so to whoever runs the server.
      ctx.log.info({ origin: conn.upgrade.origin ?? null }, 'refused a WebSocket signed in by cookie from another origin');
      return conn.refuse('forbidden', 'The session cookie is accepted from the console’s own origin only; send the session token in hello');
    }
    const token = frame.auth.token ?? readCookie(conn.cookieHeader, SESSION_COOKIE);
    const { operator, sessionId, expiresAt } = await authenticate(ctx, token);
    const teamIds = [...(await viewerOf(ctx, operator)).teamIds];
    conn.identity = { kind: 'operator', operator, sessionId, expiresAt, teamIds };
    // Summaries only of what the operator may see (feed.ts); the workspace room carries no conversation.
    for (const name of [room.operators(operator.workspaceId), room.operator(operator.id), ...feedRooms(operator.workspaceId, { ...operator, teamIds })]) {
      await join(conn, rooms, name);
    }
    conn.send({
      type: 'welcome',
      v: PROTOCOL_VERSION,
      heartbeatMs: HEARTBEAT_MS,
      identity: { kind: 'operator', operator: presentOperator(operator, operator.status), workspaceId: operator.workspaceId, teamIds },
    });
    // After the welcome, so the first frame a client sees is always the welcome.
    presence.connect(operator.workspaceId, operator.id, operator.status);
    // Still away from before a reload (automatic, within the offline grace): the welcome said the chosen status.
    const shown = presence.statusOf(operator.id);
    if (shown !== operator.status) conn.send({ type: 'presence', operatorId: operator.id, status: shown });
    await autoAway.connect(operator);
  } catch (err) {
    if (err instanceof AppError && (err.code === 'unauthorized' || err.code === 'not_found')) {
      return conn.refuse('unauthorized', err.message);
    }
    throw err;
  }
};

async function join(conn: Connection, rooms: RealtimeDeps['rooms'], name: string) {
  conn.rooms.add(name);
  await rooms.join(name, conn);
}
