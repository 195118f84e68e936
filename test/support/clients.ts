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
