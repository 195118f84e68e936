/**
 * The WebSocket gateway: accepts connections on /ws, validates every frame
 * against the protocol schema, and hands it to its handler. A bad frame gets an
 * error frame; nothing a client sends can crash the process or touch another
 * connection. Connections that must end (too slow, silent, signed out) are
 * told why before they are closed.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { LIMITS } from '@switchboard/protocol';
import { clientFrame } from '@switchboard/protocol/schema';
import { closeIfExpired, followAccess, SESSION_CHECK_MS } from './access.js';
import { followMoves } from './visibility-follow.js';
import { AddressCounts } from './addresses.js';
import { CLOSE_GRACE_MS, Connection, HEARTBEAT_MS, HELLO_TIMEOUT_MS } from './connection.js';
import { reportFrameError } from './errors.js';
import { handlers } from './handlers/index.js';
import type { FrameHandler, GatewayDeps, RealtimeDeps } from './handlers/types.js';
import { addressLimiter, addressOf } from '../http/ip-limit.js';
import { upgradeOrigin } from './origin.js';
import { catchUp } from './sync.js';
import { randomUUID } from 'node:crypto';
import { AutoAway } from './auto-away.js';
import { room } from './rooms.js';
import { Viewers } from './viewers.js';
import { recheckVisitor } from './visitor-access.js';
import { VisitorFeed } from './visitor-feed.js';
import { VisitorPages } from './visitor-pages.js';

/** Frames between the protocol limit and this are answered with `too_large`; beyond it the socket is closed. */
const HARD_MAX_BYTES = 1024 * 1024;

/**
 * On shutdown each client is told to wait a random time up to this (plus a
 * little per connection, up to 15 s), so they do not all reconnect to the next
 * process in the same instant.
 */
const SHUTDOWN_SPREAD_MS = 1_000;

export interface Gateway {
  readonly connections: Set<Connection>;
  readonly viewers: Viewers;
  readonly autoAway: AutoAway;
  /** Takes the HTTP server's upgrade requests for /ws. */
  attach(server: Server): void;
  close(): Promise<void>;
}

export function createGateway(given: GatewayDeps): Gateway {
  const { ctx, rooms, presence } = given;
  const node = randomUUID();
  const onTeamError = (err: unknown) => ctx.log.error({ err }, 'realtime team state failed');
  const viewers = new Viewers(ctx.pubsub, ctx.clock, node, (id, frame) => rooms.deliverLocal(room.team(id), frame), onTeamError);
  const autoAway = new AutoAway(ctx, presence, node);
  const visitorPages = new VisitorPages(ctx, given.visitors);
  const visitorFeed = new VisitorFeed(given.visitors, ctx.clock, undefined, (err) => ctx.log.error({ err }, 'could not scope the visitors list'));
  visitorPages.start();
  const deps: RealtimeDeps = { ...given, viewers, autoAway, visitorPages, visitorFeed };
  const team = Promise.all([viewers.start(), autoAway.start()]);
  team.catch(onTeamError);
  const timing = { heartbeatMs: HEARTBEAT_MS, closeGraceMs: CLOSE_GRACE_MS, ...deps.timing };
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_MAX_BYTES, perMessageDeflate: false, clientTracking: false });
  const connections = new Set<Connection>();
  const addresses = new AddressCounts(ctx);
  const access = followAccess(ctx, connections, { rooms, viewers });
  access.catch((err) => ctx.log.error({ err }, 'could not follow access changes'));
  const moves = followMoves(ctx, { rooms, viewers }, connections);
  moves.catch((err) => ctx.log.error({ err }, 'could not follow conversation moves'));

  const onGap = (conn: Connection, conversationId: string) => {
    conn.queue = conn.queue.then(() => catchUp(ctx, conn, conversationId)).catch((err) => reportFrameError(ctx.log, conn, err));
  };

  const onIdentity = (conn: Connection) => {
    conn.queue = conn.queue.then(() => recheckVisitor(ctx, rooms, conn)).catch((err) => reportFrameError(ctx.log, conn, err));
  };

  /** Each refusal returns at once; nothing is returned to the caller. */
  function handle(conn: Connection, data: RawData, isBinary: boolean) {
    if (!conn.open) return;
    conn.lastHeard = Date.now();
    conn.alive = true;
    const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : (data as Buffer).byteLength;
    if (!conn.frames.take()) {
      if (conn.frames.retryAfterMs() > 10_000) return conn.refuse('rate_limited', 'Too many frames', 10_000);
      return conn.error('rate_limited', 'Too many frames; slow down');
    }
    if (size > LIMITS.maxFrameBytes) return conn.error('too_large', `Frames are limited to ${LIMITS.maxFrameBytes} bytes`);
    if (isBinary) return conn.error('bad_frame', 'Frames are JSON text');
    let json: unknown;
    try {
      json = JSON.parse(data.toString());
    } catch {
      return conn.error('bad_frame', 'Frames are JSON objects');
    }
    const parsed = clientFrame.safeParse(json);
    const ref = typeof (json as { ref?: unknown })?.ref === 'string' ? (json as { ref: string }).ref.slice(0, 64) : undefined;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return conn.error('bad_frame', issue ? `${issue.path.join('.') || 'frame'}: ${issue.message}` : 'Invalid frame', ref);
    }
    const frame = parsed.data;
    if (frame.type !== 'hello' && frame.type !== 'ping' && !conn.identity) return conn.error('unauthorized', 'Send hello first', ref);
    const handler = handlers[frame.type] as FrameHandler<typeof frame.type>;
    conn.queue = conn.queue
      .then(async () => {
        if (conn.gate) await conn.gate;
        // Checked when the frame's turn comes: it may have waited behind a replay or an access check.
        closeIfExpired(conn, ctx.now());
        if (!conn.open) return;
        await handler(deps, conn, frame as never);
      })
      .catch((err) => reportFrameError(ctx.log, conn, err, ref));
  }

  function onConnection(ws: WebSocket, socket: Duplex, req: IncomingMessage, address: string): void {
    const conn = new Connection(
      ws,
      socket,
      req.headers.cookie,
      req.headers['user-agent'],
      upgradeOrigin(req, ctx.config),
      onGap,
      timing.closeGraceMs,
      onIdentity,
    );
    connections.add(conn);
    addresses.add(address);
    const helloTimer = setTimeout(() => {
      if (!conn.identity) conn.refuse('timeout', 'No hello received');
    }, HELLO_TIMEOUT_MS);
    ws.on('message', (data, isBinary) => handle(conn, data, isBinary));
    ws.on('pong', () => {
      conn.alive = true;
    });
    ws.on('error', () => ws.terminate());
    ws.on('close', () => {
      clearTimeout(helloTimer);
      conn.closed();
      connections.delete(conn);
      addresses.remove(address);
      for (const name of conn.rooms) rooms.leave(name, conn);
      viewers.leave(conn);
      visitorPages.closed(conn);
      visitorFeed.unfollow(conn);
      const id = conn.identity;
      if (id?.kind === 'operator') {
        presence.disconnect(id.operator.workspaceId, id.operator.id);
        autoAway.disconnect(id.operator.id);
      }
    });
  }

  // One timer for every connection: ping, and close those that did not answer the last ping.
  const heartbeat = setInterval(() => {
    for (const conn of connections) {
      if (!conn.open) continue;
      if (!conn.alive) {
        conn.refuse('timeout', 'No answer to the heartbeat; reconnect and resume');
        continue;
      }
      conn.alive = false;
      conn.ws.ping();
    }
  }, timing.heartbeatMs);
  heartbeat.unref();
  const sessions = setInterval(() => {
    const now = ctx.now();
    for (const conn of connections) closeIfExpired(conn, now);
  }, SESSION_CHECK_MS);
  sessions.unref();

  // New realtime connections per address are limited like sign-ins: a flood is refused before the handshake.
  const connects = addressLimiter(ctx.config.wsConnectRateLimit, ctx.config.wsConnectRateLimit / 6);
  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if ((req.url ?? '').split('?')[0] !== '/ws') return void socket.destroy();
    const address = addressOf(req, ctx.config.trustProxy);
    if (!connects.take(address)) {
      socket.end('HTTP/1.1 429 Too Many Requests\r\nRetry-After: 5\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, socket, req, address));
  }

  return {
    connections,
    viewers,
    autoAway,
    attach(server) {
      server.on('upgrade', onUpgrade);
    },
    async close() {
      clearInterval(heartbeat);
      clearInterval(sessions);
      const spread = Math.min(15_000, SHUTDOWN_SPREAD_MS + connections.size * 10);
      for (const conn of connections) {
        conn.refuse('shutting_down', 'The server is restarting; reconnecting', 1 + Math.floor(Math.random() * spread));
      }
      await access.then((stop) => stop()).catch(() => {});
      await moves.then((stop) => stop()).catch(() => {});
      await team.then(() => Promise.all([viewers.stop(), autoAway.stop()])).catch(() => {});
      await visitorPages.stop();
      visitorFeed.stop();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
