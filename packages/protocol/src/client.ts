/**
 * The realtime client shared by the widget and the console (and usable from
 * Node with the `ws` package). It owns the resume contract of the protocol:
 * - reconnects by itself with jittered backoff;
 * - re-subscribes each conversation from the last sequence it delivered, so
 *   the app sees every message exactly once and in order;
 * - keeps unacknowledged sends and sends them again after a reconnect with the
 *   same client id, which the server stores once.
 * Dependency-free and small: it ships inside the widget.
 */
import type { AckFrame, ErrorFrame, MessageFrame, ServerFrame, SyncedFrame } from './frames.js';
import type { ClientFrame, HelloFrame, SendFrame } from './schema.js';
import { LIMITS, PROTOCOL_VERSION, type RefusalReason } from './version.js';
import { unpackSummary } from './summary-pack.js';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'refused';

export interface RealtimeClientOptions {
  url: string;
  /** Called before each connection attempt, so credentials can change between attempts. */
  auth: () => HelloFrame['auth'];
  /** Every frame received, after sequence handling (duplicate `message` frames are dropped). */
  onFrame?: (frame: ServerFrame) => void;
  onState?: (state: ConnectionState, reason?: RefusalReason) => void;
  /** A WebSocket constructor; defaults to the global one. */
  WebSocket?: new (
    url: string,
  ) => WebSocket;
  /** Initial reconnect delay; doubles up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
  heartbeatMs?: number;
}

interface Pending {
  frame: SendFrame;
  resolve: (ack: AckFrame) => void;
  reject: (err: ErrorFrame) => void;
}

/** Errors on a send that mean "not now": the send is tried again. */
const RETRY: RefusalReason[] = ['rate_limited', 'shutting_down'];

/** Refusals after which retrying cannot help. */
const FINAL: RefusalReason[] = ['bad_version', 'unauthorized', 'forbidden'];

let counter = 0;
/** A client message id unique across tabs and reloads. */
export function newClientId(): string {
  const rnd = Math.random().toString(36).slice(2, 10);
  return `${Date.now().toString(36)}-${rnd}-${(counter++).toString(36)}`;
}

const VERSION_RELOAD_KEY = 'switchboard:version-reload';

/**
 * Refused with `bad_version`, the page runs code older (or newer) than the
 * server's: it was loaded before an upgrade. Reloading fetches the server's.
 * At most once a minute, so a mismatch a reload does not cure never loops;
 * without session storage to remember that, it does not reload at all.
 */
export function reloadForNewVersion(win: { location: { reload(): void }; sessionStorage: Storage }, now = Date.now()): boolean {
  try {
    if (now - Number(win.sessionStorage.getItem(VERSION_RELOAD_KEY) ?? 0) < 60_000) return false;
    win.sessionStorage.setItem(VERSION_RELOAD_KEY, String(now));
  } catch {
    return false;
  }
  win.location.reload();
  return true;
}

export class RealtimeClient {
  private ws: WebSocket | null = null;
  private state: ConnectionState = 'closed';
  private stopped = false;
  private attempt = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private lastHeard = 0;
  /** conversationId -> last sequence delivered to the app (undefined: latest page wanted). */
  private readonly subs = new Map<string, number | undefined>();
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly opts: RealtimeClientOptions) {}

  get connectionState(): ConnectionState {
    return this.state;
  }

  connect(): void {
    this.stopped = false;
    if (!this.ws) this.open();
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    clearInterval(this.heartbeat);
    this.ws?.close(1000);
    this.ws = null;
    this.setState('closed');
  }

  /** Follow a conversation from `after` (the last sequence already shown), or from the latest page. */
  subscribe(conversationId: string, after?: number): void {
    const known = this.subs.get(conversationId);
    this.subs.set(conversationId, known ?? after);
    this.write({ type: 'subscribe', conversationId, after: this.subs.get(conversationId) });
  }

  unsubscribe(conversationId: string): void {
    this.subs.delete(conversationId);
    this.write({ type: 'unsubscribe', conversationId });
  }

  lastSeq(conversationId: string): number | undefined {
    return this.subs.get(conversationId);
  }

  /** Resolves once the server has stored the message; survives reconnects. */
  send(input: Omit<SendFrame, 'type' | 'clientId'> & { clientId?: string }): Promise<AckFrame> {
    const clientId = input.clientId ?? newClientId();
    // The ref is the client id, so an error frame for this send can be matched to it.
    const frame: SendFrame = { ...input, type: 'send', clientId, ref: clientId };
    return new Promise((resolve, reject) => {
      this.pending.set(frame.clientId, { frame, resolve, reject });
      this.write(frame);
    });
  }

  /** Frames that are not worth replaying after a reconnect (typing, read, presence, page). */
  sendVolatile(frame: ClientFrame): void {
    this.write(frame);
  }

  private write(frame: ClientFrame): boolean {
    if (this.state !== 'open' || !this.ws) return false;
    this.ws.send(JSON.stringify(frame));
    return true;
  }

  private setState(state: ConnectionState, reason?: RefusalReason): void {
    this.state = state;
    this.opts.onState?.(state, reason);
  }

  private open(): void {
    const Ctor = this.opts.WebSocket ?? WebSocket;
    this.setState('connecting');
    const ws = new Ctor(this.opts.url);
    this.ws = ws;
    ws.onopen = () => {
      const hello: HelloFrame = { type: 'hello', v: PROTOCOL_VERSION, auth: this.opts.auth() };
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (ev) => {
      this.lastHeard = Date.now();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      this.receive(frame);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.heartbeat);
      if (this.state !== 'refused') this.setState('closed');
      if (!this.stopped && this.state !== 'refused') this.retryLater();
    };
    ws.onerror = () => {
      /* onclose follows */
    };
  }

  private retryLater(delayMs?: number): void {
    const min = this.opts.minDelayMs ?? 500;
    const max = this.opts.maxDelayMs ?? 10_000;
    const base = Math.min(max, min * 2 ** this.attempt++);
    const delay = delayMs ?? base / 2 + Math.random() * (base / 2);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), delay);
  }

  private onWelcome(): void {
    this.attempt = 0;
    this.setState('open');
    this.lastHeard = Date.now();
    const every = this.opts.heartbeatMs ?? LIMITS.heartbeatMs;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      // Nothing heard for three intervals: the connection is dead even if the socket says otherwise.
      if (Date.now() - this.lastHeard > every * 3) this.ws?.close(4408);
      else this.write({ type: 'ping' });
    }, every);
    for (const [conversationId, after] of this.subs) this.write({ type: 'subscribe', conversationId, after });
    for (const p of this.pending.values()) this.write(p.frame);
  }

  private receive(frame: ServerFrame): void {
    if (frame.type === 'conversations') {
      for (const packed of frame.conversations) this.opts.onFrame?.({ type: 'conversation', conversation: unpackSummary(packed) });
      return;
    }
    switch (frame.type) {
      case 'welcome':
        this.onWelcome();
        break;
      case 'refused':
        if (FINAL.includes(frame.reason)) {
          this.stopped = true;
          this.setState('refused', frame.reason);
        } else {
          this.retryLater(frame.retryAfterMs);
        }
        break;
      case 'message':
        if (!this.accept(frame)) return;
        break;
      case 'synced':
        this.onSynced(frame);
        break;
      case 'ack':
        this.settle(frame.clientId, (p) => p.resolve(frame));
        break;
      case 'error':
        if (frame.ref) this.onError(frame.ref, frame);
        break;
    }
    this.opts.onFrame?.(frame);
  }

  /** Deliver each sequence once, in order; on a gap, ask the server to replay it. */
  private accept(frame: MessageFrame): boolean {
    const { conversationId, seq } = frame.message;
    if (!this.subs.has(conversationId)) return true;
    const last = this.subs.get(conversationId);
    if (last !== undefined && seq <= last) return false;
    if (last !== undefined && seq > last + 1) {
      this.write({ type: 'subscribe', conversationId, after: last });
      return false;
    }
    this.subs.set(conversationId, seq);
    return true;
  }

  private onSynced(frame: SyncedFrame): void {
    const last = this.subs.get(frame.conversationId);
    if (this.subs.has(frame.conversationId) && (last === undefined || last < frame.seq)) {
      this.subs.set(frame.conversationId, frame.seq);
    }
  }

  /** A send refused for now (rate limit, restart) is tried again later; other refusals are final. */
  private onError(ref: string, frame: ErrorFrame): void {
    const p = this.pending.get(ref);
    if (p && RETRY.includes(frame.code)) {
      setTimeout(() => this.pending.has(ref) && this.write(p.frame), this.opts.minDelayMs ? this.opts.minDelayMs * 2 : 1000);
      return;
    }
    this.settle(ref, (x) => x.reject(frame));
  }

  private settle(clientId: string, fn: (p: Pending) => void): void {
    const p = this.pending.get(clientId);
    if (!p) return;
    this.pending.delete(clientId);
    fn(p);
  }
}
