/**
 * Malformed, oversized and unauthorised frames get an error (or a refusal and
 * a close) and never crash the server or disturb other connections.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, PROTOCOL_VERSION, type ServerFrame } from '@switchboard/protocol';
import { login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { newVisitor, operatorClient, visitorClient } from '../../../test/support/clients.js';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

interface Raw {
  ws: WebSocket;
  frames: ServerFrame[];
  closed: Promise<{ code: number }>;
  next(pred?: (f: ServerFrame) => boolean, ms?: number): Promise<ServerFrame>;
}

function raw(): Promise<Raw> {
  const ws = new WebSocket(s.wsUrl);
  const frames: ServerFrame[] = [];
  const waiters: (() => void)[] = [];
  ws.on('message', (d) => {
    frames.push(JSON.parse(String(d)));
    for (const w of waiters.splice(0)) w();
  });
  const closed = new Promise<{ code: number }>((r) => ws.on('close', (code) => r({ code })));
  const next = (pred: (f: ServerFrame) => boolean = () => true, ms = 5000) =>
    new Promise<ServerFrame>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no frame; got ${JSON.stringify(frames)}`)), ms);
      const check = () => {
        const i = frames.findIndex(pred);
        if (i >= 0) {
          clearTimeout(t);
          resolve(frames.splice(i, 1)[0] as ServerFrame);
        } else waiters.push(check);
      };
      check();
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, closed, next }));
    ws.once('error', reject);
  });
}

/** Seeded generator, so a failure can be replayed. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

function junk(r: () => number): string | Buffer {
  const pick = Math.floor(r() * 14);
  const str = () => Array.from({ length: Math.floor(r() * 40) }, () => String.fromCharCode(Math.floor(r() * 0xffff))).join('');
  switch (pick) {
    case 0:
      return str();
    case 1:
      return '{';
    case 2:
      return JSON.stringify([1, 2, 3]);
    case 3:
      return JSON.stringify(null);
    case 4:
      return JSON.stringify({ type: str() });
    case 5:
      return JSON.stringify({ type: 'send', clientId: 5, body: {} });
    case 6:
      return JSON.stringify({ type: 'send', clientId: 'x'.repeat(500), body: 'hi' });
    case 7:
      return JSON.stringify({ type: 'subscribe', conversationId: '../../etc/passwd' });
    case 8:
      return JSON.stringify({ type: 'read', conversationId: 'abc', seq: -1 });
    case 9:
      return JSON.stringify({ __proto__: { polluted: true }, type: 'ping', constructor: { prototype: { x: 1 } } });
    case 10:
      return '['.repeat(5000) + ']'.repeat(5000);
    case 11:
      return Buffer.from([0, 1, 2, 255]);
    case 12:
      return JSON.stringify({ type: 'send', clientId: 'ok', body: 'x'.repeat(LIMITS.maxMessageChars + 1) });
    default:
      return JSON.stringify({ type: 'typing', conversationId: 'nope', typing: 'yes' });
  }
}

describe('protocol refusals', () => {
  it('refuses a wrong protocol version and closes', async () => {
    const c = await raw();
    c.ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION + 99, auth: { kind: 'operator', token: 'x' } }));
    expect(await c.next()).toMatchObject({ type: 'refused', reason: 'bad_version' });
    expect((await c.closed).code).toBe(4000);
  });

  it('refuses bad credentials and closes', async () => {
    const c = await raw();
    c.ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token: 'not-a-session' } }));
    expect(await c.next()).toMatchObject({ type: 'refused', reason: 'unauthorized' });
    expect((await c.closed).code).toBe(4001);
    const v = await raw();
    v.ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'visitor', websiteKey: s.websiteKey, visitorToken: 'forged' } }));
    expect(await v.next()).toMatchObject({ type: 'refused', reason: 'unauthorized' });
  });

  it('answers frames before hello with unauthorized, keeping the connection', async () => {
    const c = await raw();
    c.ws.send(JSON.stringify({ type: 'subscribe', conversationId: 'abc' }));
    expect(await c.next()).toMatchObject({ type: 'error', code: 'unauthorized' });
    c.ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token: await login(s.url) } }));
    expect(await c.next()).toMatchObject({ type: 'welcome' });
    c.ws.close();
  });

  it('answers a too large frame with too_large and closes only beyond the hard limit', async () => {
    const c = await raw();
    c.ws.send(JSON.stringify({ type: 'ping', pad: 'x'.repeat(LIMITS.maxFrameBytes + 10) }));
    expect(await c.next()).toMatchObject({ type: 'error', code: 'too_large' });
    c.ws.send(JSON.stringify({ type: 'ping', ref: 'still-open' }));
    expect(await c.next((f) => f.type === 'pong')).toMatchObject({ type: 'pong', ref: 'still-open' });
    c.ws.send('x'.repeat(2 * 1024 * 1024));
    expect((await c.closed).code).toBe(1009);
  });

  it('rate-limits a flood of frames with an error, not a crash', async () => {
    const c = await raw();
    for (let i = 0; i < 300; i++) c.ws.send(JSON.stringify({ type: 'ping' }));
    expect(await c.next((f) => f.type === 'error')).toMatchObject({ code: 'rate_limited' });
    c.ws.close();
  });
});

describe('connection flood', () => {
  it('refuses new connections from one address past the limit, before the handshake', async () => {
    const own = await startTestServer({ env: { WS_CONNECT_RATE_LIMIT: '5' } });
    try {
      const outcomes = await Promise.all(
        Array.from(
          { length: 12 },
          () =>
            new Promise<number>((resolve) => {
              const ws = new WebSocket(own.wsUrl);
              ws.once('open', () => {
                ws.close();
                resolve(101);
              });
              ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
              ws.once('error', () => resolve(-1));
            }),
        ),
      );
      expect(outcomes.filter((c) => c === 101).length).toBe(5);
      expect(outcomes.filter((c) => c === 429).length).toBe(7);
      expect((await fetch(`${own.url}/healthz`)).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

describe('protocol fuzzing', () => {
  it('survives thousands of malformed frames while a real conversation goes on', async () => {
    const token = await login(s.url);
    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    const operator = operatorClient(s.wsUrl, token);
    await visitor.waitFor('welcome');
    await operator.waitFor('welcome');
    const first = await visitor.client.send({ body: 'before the storm' });
    operator.client.subscribe(first.conversationId);
    await operator.waitFor('synced');

    const r = rng(20261125);
    // Each attacker stays under the frame rate limit, so every frame reaches the parser and handlers.
    const attackers = await Promise.all(Array.from({ length: 24 }, () => raw()));
    // Half of them sign in as the visitor, so handlers behind hello are fuzzed too.
    for (const [i, a] of attackers.entries()) {
      if (i % 2) {
        a.ws.send(JSON.stringify({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'visitor', websiteKey: s.websiteKey, visitorToken: v.visitorToken } }));
        await a.next((f) => f.type === 'welcome');
      }
    }
    for (let round = 0; round < 3; round++) {
      for (const a of attackers) if (a.ws.readyState === WebSocket.OPEN) for (let k = 0; k < 30; k++) a.ws.send(junk(r));
      await new Promise((res) => setTimeout(res, 20));
    }
    await new Promise((res) => setTimeout(res, 300));
    for (const a of attackers) {
      // Attackers signed in as the visitor are that visitor's tabs: they may see its conversation list, and whether the team is available.
      expect(a.frames.filter((f) => !['error', 'pong', 'refused', 'welcome', 'conversations', 'availability'].includes(f.type))).toEqual([]);
      expect(a.frames.some((f) => f.type === 'error' && f.code === 'rate_limited')).toBe(false);
      a.ws.terminate();
    }
    // The real conversation is untouched.
    const after = await visitor.client.send({ conversationId: first.conversationId, body: 'after the storm' });
    expect(after.seq).toBe(2);
    const got = await operator.waitFor('message', (f) => f.message.seq === 2);
    expect(got.message.body).toBe('after the storm');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const res = await fetch(`${s.url}/healthz`);
    expect(res.status).toBe(200);
    visitor.close();
    operator.close();
  });
});
