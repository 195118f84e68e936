import { afterEach, describe, expect, it, vi } from 'vitest';
import { RealtimeClient, reconnectDelay, type ConnectionState } from './client.js';
import { CLOSE_CODES, type ServerFrame } from './frames.js';
import type { MessageDto } from './types.js';
import { PROTOCOL_VERSION, type RefusalReason } from './version.js';

/** A WebSocket the test drives: it records what the client sends and plays the server. */
class FakeSocket {
  static all: FakeSocket[] = [];
  sent: Record<string, unknown>[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {}
  receive(frame: ServerFrame) {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  welcome() {
    this.onopen?.();
    this.receive({ type: 'welcome', v: PROTOCOL_VERSION, heartbeatMs: 25_000, identity: { kind: 'visitor', visitorId: 'v', workspaceId: 'w' } });
  }
  subscribes() {
    return this.sent.filter((f) => f.type === 'subscribe');
  }
}

const message = (conversationId: string, seq: number): ServerFrame => ({
  type: 'message',
  message: {
    id: `m${seq}`,
    conversationId,
    seq,
    clientId: null,
    author: { kind: 'visitor', id: 'v', name: null },
    kind: 'text',
    body: `${seq}`,
    attachments: [],
    event: null,
    createdAt: seq,
  } satisfies MessageDto,
});

const synced = (conversationId: string, seq: number): ServerFrame =>
  ({ type: 'synced', conversationId, seq, hasEarlier: false, conversation: {} }) as unknown as ServerFrame;

function client(states: [ConnectionState, RefusalReason | undefined][] = []) {
  FakeSocket.all = [];
  const c = new RealtimeClient({
    url: 'ws://test/ws',
    auth: () => ({ kind: 'visitor', websiteKey: 'k', visitorToken: 't' }),
    WebSocket: FakeSocket as unknown as new (url: string) => WebSocket,
    onState: (s, r) => void states.push([s, r]),
  });
  c.connect();
  const ws = FakeSocket.all[0] as FakeSocket;
  ws.welcome();
  return { c, ws };
}

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('RealtimeClient resume', () => {
  it('asks for a replay from its last sequence when synced promises more than it delivered', () => {
    const { c, ws } = client();
    c.subscribe('c1', 0);
    for (const seq of [1, 2, 3]) ws.receive(message('c1', seq));
    ws.receive(synced('c1', 7));
    expect(c.lastSeq('c1')).toBe(3);
    expect(ws.subscribes().at(-1)).toEqual({ type: 'subscribe', conversationId: 'c1', after: 3 });
    // Once: later frames of the gap wait for the replay instead of asking again.
    ws.receive(message('c1', 8));
    expect(ws.subscribes().length).toBe(2);
    for (const seq of [4, 5, 6, 7, 8]) ws.receive(message('c1', seq));
    ws.receive(synced('c1', 8));
    expect(c.lastSeq('c1')).toBe(8);
    expect(ws.subscribes().length).toBe(2);
    c.close();
  });

  it('takes the server’s cursor when it delivered nothing (the latest page of an empty conversation)', () => {
    const { c, ws } = client();
    c.subscribe('c1');
    ws.receive(synced('c1', 0));
    expect(c.lastSeq('c1')).toBe(0);
    expect(ws.subscribes().length).toBe(1);
    c.close();
  });
});

describe('RealtimeClient reconnects', () => {
  it('spreads delays uniformly over the whole backoff window (full jitter), capped', () => {
    for (const attempt of [0, 3, 10]) {
      const cap = Math.min(10_000, 500 * 2 ** attempt);
      const draws = Array.from({ length: 4000 }, () => reconnectDelay(attempt, 500, 10_000));
      expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...draws)).toBeLessThan(cap);
      // Every tenth of the window gets about a tenth of the clients: no wave at its start or end.
      const buckets = Array.from({ length: 10 }, () => 0);
      for (const d of draws) (buckets[Math.floor((d / cap) * 10)] as number)++;
      for (const b of buckets) expect(b).toBeGreaterThan(300);
    }
  });

  it('brings clients dropped together back spread over the window, not at once', () => {
    vi.useFakeTimers();
    const reopened: number[] = [];
    const clients = Array.from({ length: 500 }, () => client());
    const start = Date.now();
    for (const { ws } of clients) {
      const before = FakeSocket.all.length;
      ws.onclose?.({ code: 1006 });
      expect(FakeSocket.all.length).toBe(before);
    }
    for (let t = 0; t < 500; t += 10) {
      const n = FakeSocket.all.length;
      vi.advanceTimersByTime(10);
      for (let i = n; i < FakeSocket.all.length; i++) reopened.push(Date.now() - start);
    }
    expect(reopened.length).toBe(500);
    // No 50 ms slice of the 500 ms window takes more than a sixth of them.
    const slices = Array.from({ length: 10 }, (_, i) => reopened.filter((t) => t > i * 50 && t <= (i + 1) * 50).length);
    expect(Math.max(...slices)).toBeLessThan(500 / 6);
    for (const { c } of clients) c.close();
  });

  it('waits at least the retryAfterMs of a refusal, then reconnects, and says why it closed', () => {
    vi.useFakeTimers();
    const states: [ConnectionState, RefusalReason | undefined][] = [];
    const { c, ws } = client(states);
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    ws.receive({ type: 'refused', reason: 'shutting_down', message: 'restarting', retryAfterMs: 4000 });
    ws.onclose?.({ code: CLOSE_CODES.shutting_down });
    expect(states.at(-1)).toEqual(['closed', 'shutting_down']);
    vi.advanceTimersByTime(3999);
    expect(FakeSocket.all.length).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(FakeSocket.all.length).toBe(2);
    c.close();
  });

  it('tells the reason from the close code when no refusal came first', () => {
    vi.useFakeTimers();
    const states: [ConnectionState, RefusalReason | undefined][] = [];
    const { c, ws } = client(states);
    ws.onclose?.({ code: CLOSE_CODES.too_slow });
    expect(states.at(-1)).toEqual(['closed', 'too_slow']);
    c.close();
  });

  it('stops for good on a final refusal and reports it', () => {
    vi.useFakeTimers();
    const states: [ConnectionState, RefusalReason | undefined][] = [];
    const { c, ws } = client(states);
    ws.receive({ type: 'refused', reason: 'unauthorized', message: 'You signed out' });
    ws.onclose?.({ code: CLOSE_CODES.unauthorized });
    vi.advanceTimersByTime(60_000);
    expect(states.at(-1)).toEqual(['refused', 'unauthorized']);
    expect(FakeSocket.all.length).toBe(1);
    c.close();
  });
});
