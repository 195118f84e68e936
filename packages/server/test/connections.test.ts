/**
 * Many connections at once: the log warns when most of them share one address
 * with TRUST_PROXY off (every visitor then shares one connection budget), and
 * a restart tells clients to come back at spread-out times. A connection that
 * stops answering is told why before it is dropped.
 */
import { systemClock } from '../src/clock.js';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, PROTOCOL_VERSION, type ServerFrame } from '@switchboard/protocol';
import { createGateway } from '../src/realtime/gateway.js';
import { VisitorPresence } from '../src/realtime/visitor-presence.js';
import { Availability } from '../src/realtime/availability.js';
import { Presence } from '../src/realtime/presence.js';
import { Rooms } from '../src/realtime/rooms.js';
import { login, startTestServer } from '../../../test/support/server.js';
import { rawClient, type RawClient, until } from '../../../test/support/clients.js';

/** A pino logger writing into an array, to see what the server warns about. */
function capturedLog() {
  const lines: { level: number; msg: string; connections?: number; total?: number }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, stream), warnings: () => lines.filter((l) => l.level === 40 && /TRUST_PROXY/.test(l.msg)) };
}

const open = (wsUrl: string, n: number) => Promise.all(Array.from({ length: n }, () => rawClient(wsUrl)));
const closeAll = async (cs: RawClient[]) => {
  for (const c of cs) c.ws.close();
  await Promise.all(cs.map((c) => c.closed));
};

describe('connections from one address', () => {
  it('warns once an hour when most of 100 or more connections share one address and TRUST_PROXY is off', async () => {
    const log = capturedLog();
    let offset = 0;
    const s = await startTestServer({
      env: { WS_CONNECT_RATE_LIMIT: '1000' },
      deps: { logger: log.logger, clock: { ...systemClock, now: () => Date.now() + offset } },
    });
    const clients: RawClient[] = [];
    try {
      clients.push(...(await open(s.wsUrl, 99)));
      expect(log.warnings()).toEqual([]);
      clients.push(...(await open(s.wsUrl, 1)));
      expect(log.warnings().length).toBe(1);
      expect(log.warnings()[0]).toMatchObject({ connections: 100, total: 100 });
      clients.push(...(await open(s.wsUrl, 20)));
      expect(log.warnings().length).toBe(1);
      offset += 3600_000;
      clients.push(...(await open(s.wsUrl, 1)));
      expect(log.warnings().length).toBe(2);
    } finally {
      await closeAll(clients);
      await s.close();
    }
  });

  it('does not warn when TRUST_PROXY is on', async () => {
    const log = capturedLog();
    const s = await startTestServer({ env: { WS_CONNECT_RATE_LIMIT: '1000', TRUST_PROXY: '1' }, deps: { logger: log.logger } });
    const clients = await open(s.wsUrl, 110);
    try {
      expect(log.warnings()).toEqual([]);
    } finally {
      await closeAll(clients);
      await s.close();
    }
  });
});

describe('a restart', () => {
  it('tells each client a different time to come back, spread over more than a second', async () => {
    const s = await startTestServer({ env: { WS_CONNECT_RATE_LIMIT: '1000' } });
    const clients = await open(s.wsUrl, 60);
    await s.close();
    await Promise.all(clients.map((c) => c.closed));
    const waits = clients.map((c) => (c.frames.find((f) => f.type === 'refused') as Extract<ServerFrame, { type: 'refused' }>).retryAfterMs ?? 0);
    for (const c of clients) expect(c.frames.at(-1)).toMatchObject({ type: 'refused', reason: 'shutting_down' });
    expect(Math.min(...waits)).toBeGreaterThan(0);
    expect(Math.max(...waits)).toBeLessThanOrEqual(15_000);
    expect(Math.max(...waits) - Math.min(...waits)).toBeGreaterThan(1000);
    expect(new Set(waits).size).toBeGreaterThan(50);
  });
});

describe('a connection that stops answering heartbeats', () => {
  it('is refused with timeout (4408), and its socket destroyed only after the grace period', async () => {
    const s = await startTestServer();
    // A second gateway on the same server state, with short timers (the default heartbeat is 25 s).
    const rooms = new Rooms(s.app.ctx.pubsub, () => {});
    const presence = new Presence(s.app.ctx.pubsub, 'heartbeat-test', () => {});
    const gateway = createGateway({
      ctx: s.app.ctx,
      rooms,
      presence,
      availability: new Availability(presence, rooms),
      visitors: new VisitorPresence(s.app.ctx.pubsub, s.app.ctx.clock, 'heartbeat-test'),
      timing: { heartbeatMs: 100, closeGraceMs: 600 },
    });
    const http = createServer();
    gateway.attach(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const c = await rawClient(`ws://127.0.0.1:${(http.address() as AddressInfo).port}/ws`);
      c.send({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token: await login(s.url) } });
      await c.next('welcome');
      const conn = [...gateway.connections][0];
      // It stops reading, so it never sees the pings to answer them.
      const socket = (c.ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
      socket.pause();
      await until(() => conn?.closing === 'timeout', 5000, 'the heartbeat refusal');
      const refusedAt = Date.now();
      await until(() => !gateway.connections.has(conn!), 5000, 'the socket to be destroyed');
      expect(Date.now() - refusedAt).toBeGreaterThanOrEqual(500);
      socket.resume();
      expect(await c.closed).toEqual({ code: CLOSE_CODES.timeout, reason: 'timeout' });
      expect(c.frames.at(-1)).toMatchObject({ type: 'refused', reason: 'timeout' });
    } finally {
      await gateway.close();
      rooms.close();
      http.close();
      await s.close();
    }
  });
});
