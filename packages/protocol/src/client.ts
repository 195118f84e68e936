/**
 * The realtime client shared by the widget and the console (and usable from
 * Node with the `ws` package). It owns the resume contract of the protocol:
 * - reconnects by itself, after a random delay up to an exponential backoff
 *   ("full jitter"), so clients dropped together (a restart) come back spread
 *   out, and never sooner than a refusal's `retryAfterMs`;
 * - re-subscribes each conversation from the last sequence it delivered, so
 *   the app sees every message exactly once and in order; a `synced` beyond
 *   what it delivered means something was lost, and it asks again from there;
 * - keeps unacknowledged sends and sends them again after a reconnect with the
 *   same client id, which the server stores once.
 * Dependency-free and small: it ships inside the widget.
 */
import { type AckFrame, CLOSE_CODES, type ErrorFrame, type MergedFrame, type MessageFrame, type ServerFrame, type SyncedFrame } from './frames.js';
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
  /** `reason` says why a connection was refused or closed, when the server said (or the close code tells). */
  onState?: (state: ConnectionState, reason?: RefusalReason) => void;
  /** A WebSocket constructor; defaults to the global one. */
  WebSocket?: new (
    url: string,
  ) => WebSocket;
  /** Reconnect backoff: the first delay is at most this, doubling up to maxDelayMs; each delay is a random part of it. */
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

/** Why the server closed, from the close code, when no `refused` frame arrived before the close. */
const REASON_OF_CODE = new Map(Object.entries(CLOSE_CODES).map(([reason, code]) => [code, reason as RefusalReason]));

/**
 * Full jitter: a uniformly random delay up to the capped exponential backoff.
 * After a restart every client reconnects at once; spread over the whole
 * window they arrive at an even rate instead of in waves that hit the
 * server's connection rate limit together.
 */
export function reconnectDelay(attempt: number, minMs: number, maxMs: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(maxMs, minMs * 2 ** Math.min(attempt, 30)));
}

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
  /** Set by a `refused` frame (or a heartbeat timeout) before the close it announces. */
  private closeReason: RefusalReason | undefined;
  private retryAfterMs: number | undefined;
  /** conversationId -> last sequence delivered to the app (undefined: latest page wanted). */
  private readonly subs = new Map<string, number | undefined>();
  /** Conversations with a replay asked for after a gap: one request at a time, until its `synced`. */
  private readonly resyncing = new Set<string>();
  private readonly pending = new Map<string, Pending>();
  /** Merges already handled (`from>into`). */
  private readonly merges = new Set<string>();

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
    this.closeReason = undefined;
    this.retryAfterMs = undefined;
    const ws = new Ctor(this.opts.url);
    this.ws = ws;
    ws.onopen = () => {
      const hello: HelloFrame = { type: 'hello', v: PROTOCOL_VERSION, auth: this.opts.auth() };
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (ev) => {
      // A socket being closed (close(), a newer attempt) may still deliver: its frames are not this connection's.
      if (this.ws !== ws) return;
      this.lastHeard = Date.now();
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      this.receive(frame);
    };
    ws.onclose = (ev) => {
      if (this.ws !== ws) return;
      this.ws = null;
      clearInterval(this.heartbeat);
      if (this.state === 'refused') return;
      this.setState('closed', this.closeReason ?? REASON_OF_CODE.get(ev?.code));
      if (!this.stopped) this.retryLater();
    };
    ws.onerror = () => {
      /* onclose follows */
    };
  }

  private retryLater(): void {
    const delay = (this.retryAfterMs ?? 0) + reconnectDelay(this.attempt++, this.opts.minDelayMs ?? 500, this.opts.maxDelayMs ?? 10_000);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.open(), delay);
  }

  private onWelcome(): void {
    this.attempt = 0;
    this.resyncing.clear();
    this.setState('open');
    this.lastHeard = Date.now();
    const every = this.opts.heartbeatMs ?? LIMITS.heartbeatMs;
    clearInterval(this.heartbeat);
    this.heartbeat = setInterval(() => {
      // Nothing heard for three intervals: the connection is dead even if the socket says otherwise.
      if (Date.now() - this.lastHeard > every * 3) {
        this.closeReason = 'timeout';
        this.ws?.close(CLOSE_CODES.timeout);
      } else this.write({ type: 'ping' });
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
        // The close follows; it reconnects then (unless the refusal is final), not before.
        this.closeReason = frame.reason;
        this.retryAfterMs = frame.retryAfterMs;
        if (FINAL.includes(frame.reason)) {
          this.stopped = true;
          this.setState('refused', frame.reason);
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
      case 'merged':
        this.onMerged(frame);
        return;
    }
    this.opts.onFrame?.(frame);
  }

  /**
   * Two conversations became one, renumbered: what the app holds of either is
   * stale. The app hears it first (and drops both), then the survivor is
   * followed afresh from its latest page, so each of its messages arrives once.
   * The frame can come through several rooms: only the first counts.
   */
  private onMerged(frame: MergedFrame): void {
    const key = `${frame.from}>${frame.into}`;
    if (this.merges.has(key)) return;
    this.merges.add(key);
    const following = this.subs.has(frame.from) || this.subs.has(frame.into);
    this.subs.delete(frame.from);
    this.subs.delete(frame.into);
    this.opts.onFrame?.(frame);
    if (following) this.subscribe(frame.into);
  }

  /** Deliver each sequence once, in order; on a gap, ask the server to replay it. */
  private accept(frame: MessageFrame): boolean {
    const { conversationId, seq } = frame.message;
    if (!this.subs.has(conversationId)) return true;
    const last = this.subs.get(conversationId);
    if (last !== undefined && seq <= last) return false;
    if (last !== undefined && seq > last + 1) {
      this.replayFrom(conversationId, last);
      return false;
    }
    this.subs.set(conversationId, seq);
    return true;
  }

  /**
   * `synced` promises that everything up to its `seq` was sent. Having
   * delivered less means frames were lost on the way: moving the cursor would
   * hide the gap, so ask for a replay from the last one delivered instead.
   */
  private onSynced(frame: SyncedFrame): void {
    const id = frame.conversationId;
    if (!this.subs.has(id)) return;
    this.resyncing.delete(id);
    const last = this.subs.get(id);
    // Nothing delivered yet (the latest page of an empty conversation): the server's cursor is the start.
    if (last === undefined) this.subs.set(id, frame.seq);
    else if (last < frame.seq) this.replayFrom(id, last);
  }

  private replayFrom(conversationId: string, after: number): void {
    if (this.resyncing.has(conversationId)) return;
    if (this.write({ type: 'subscribe', conversationId, after })) this.resyncing.add(conversationId);
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
