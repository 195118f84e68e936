/** Protocol clients for tests: the same RealtimeClient the widget and console ship, over the `ws` package. */
import WebSocket from 'ws';
import type { ServerFrame } from '@switchboard/protocol';
import { RealtimeClient, type ConnectionState } from '@switchboard/protocol/client';
import { api } from './server.js';

export interface TestClient {
  client: RealtimeClient;
  frames: ServerFrame[];
  states: ConnectionState[];
  /** Resolves with the first frame (already received or future) that matches. */
  waitFor<T extends ServerFrame['type']>(
    type: T,
    pred?: (f: Extract<ServerFrame, { type: T }>) => boolean,
    timeoutMs?: number,
  ): Promise<Extract<ServerFrame, { type: T }>>;
  messages(conversationId?: string): Extract<ServerFrame, { type: 'message' }>['message'][];
  close(): void;
}

export function wrapClient(make: (onFrame: (f: ServerFrame) => void, onState: (s: ConnectionState) => void) => RealtimeClient): TestClient {
  const frames: ServerFrame[] = [];
  const states: ConnectionState[] = [];
  const waiters = new Set<() => void>();
  const client = make(
    (f) => {
      frames.push(f);
      for (const w of [...waiters]) w();
    },
    (s) => {
      states.push(s);
      for (const w of [...waiters]) w();
    },
  );
  return {
    client,
    frames,
    states,
    waitFor(type, pred = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const f = frames.find((x) => x.type === type && pred(x as never));
          if (f) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve(f as never);
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for a ${type} frame; got: ${frames.map((f) => f.type).join(',')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    messages(conversationId) {
      return frames
        .filter((f): f is Extract<ServerFrame, { type: 'message' }> => f.type === 'message')
        .map((f) => f.message)
        .filter((m) => !conversationId || m.conversationId === conversationId);
    },
    close: () => client.close(),
  };
}

const opts = { WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket, minDelayMs: 50, maxDelayMs: 500 };

export async function newVisitor(url: string, websiteKey: string): Promise<{ visitorId: string; visitorToken: string }> {
  const r = await api<{ visitorId: string; visitorToken: string }>(url, '/api/v1/widget/session', { body: { websiteKey } });
  if (r.status !== 200) throw new Error(`widget session failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export function visitorClient(wsUrl: string, websiteKey: string, visitorToken: string): TestClient {
  const c = wrapClient(
    (onFrame, onState) => new RealtimeClient({ ...opts, url: wsUrl, auth: () => ({ kind: 'visitor', websiteKey, visitorToken }), onFrame, onState }),
  );
  c.client.connect();
  return c;
}

export function operatorClient(wsUrl: string, token: string): TestClient {
  const c = wrapClient((onFrame, onState) => new RealtimeClient({ ...opts, url: wsUrl, auth: () => ({ kind: 'operator', token }), onFrame, onState }));
  c.client.connect();
  return c;
}

/** Polls a condition that no event announces (server-side state), every few milliseconds, until it holds. */
export async function until(cond: () => boolean, timeoutMs = 10_000, what = 'a condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A bare `ws` connection speaking the protocol by hand: for what RealtimeClient would hide (close codes, headers, refusals). */
export interface RawClient {
  ws: WebSocket;
  frames: ServerFrame[];
  closed: Promise<{ code: number; reason: string }>;
  /** Resolves with the first frame received (already or later) that matches. */
  next<T extends ServerFrame['type']>(
    type: T,
    pred?: (f: Extract<ServerFrame, { type: T }>) => boolean,
    ms?: number,
  ): Promise<Extract<ServerFrame, { type: T }>>;
  send(frame: object): void;
}

export function rawClient(wsUrl: string, headers: Record<string, string> = {}): Promise<RawClient> {
  const ws = new WebSocket(wsUrl, { headers });
  const frames: ServerFrame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (d) => {
    frames.push(JSON.parse(String(d)));
    for (const w of [...waiters]) w();
  });
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.on('close', (code, reason) => r({ code, reason: String(reason) })));
  const next: RawClient['next'] = (type, pred = () => true, ms = 10_000) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`no ${type} frame; got ${frames.map((f) => f.type).join(',')}`));
      }, ms);
      const check = () => {
        const f = frames.find((x) => x.type === type && pred(x as never));
        if (!f) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(f as never);
      };
      waiters.add(check);
      check();
    });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, closed, next, send: (frame) => ws.send(JSON.stringify(frame)) }));
    ws.once('error', reject);
  });
}
