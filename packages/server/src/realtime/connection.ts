/**
 * One WebSocket connection: who it is, what it follows, and the per-conversation
 * cursor that guarantees each message is sent once and in order, whether it
 * arrives live through pub/sub or is replayed from storage.
 */
import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import type { ServerFrame } from '@switchboard/protocol';
import { CLOSE_CODES, LIMITS, type RefusalReason } from '@switchboard/protocol';
import type { Operator } from '../operator/operator.js';
import type { Visitor } from '../visitor/visitor.js';
import { TokenBucket } from './rate-limit.js';
import type { RoomMember } from './rooms.js';

export type Identity =
  | { kind: 'visitor'; visitor: Visitor }
  /** `expiresAt`: the session's end (ctx.now() time); the connection closes then. */
  /** `teamIds`: the operator's teams, what decides the conversations it hears of (realtime/feed.ts). */
  | { kind: 'operator'; operator: Operator; sessionId: string; expiresAt: number; teamIds: string[] };

/** Where the upgrade came from, for the checks `hello` makes once it knows who connects. */
export interface UpgradeOrigin {
  /** The Origin header; browsers always send one, other clients usually none. */
  origin: string | undefined;
  /** The Origin is the server's own (the console, the widget's frame). */
  own: boolean;
}

interface Subscription {
  /** Highest sequence sent to this connection. */
  lastSent: number;
  /** While replaying from storage, live messages wait here. */
  buffer: ServerFrame[] | null;
  /** Live messages were left out of a full buffer: storage is read again before going live. */
  overflowed: boolean;
}

/**
 * A client that cannot keep up is disconnected with `too_slow` (it resumes from
 * its cursor) rather than buffered forever: live frames past this much
 * unsent output close it.
 */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;
/** Replay writes on while less than this waits to be sent, then waits for the socket to drain. */
const REPLAY_HIGH_WATER = 512 * 1024;
/** Live messages kept per subscription while it replays; storage has them all anyway. */
export const MAX_REPLAY_BUFFER = 2000;
/**
 * After the close frame, how long the client has to read what was still
 * queued (the reason included) and answer before the socket is destroyed.
 */
export const CLOSE_GRACE_MS = 10_000;
/** `mood` frames wait this long for others, then leave together in one `moods` frame (like the rooms' summary batches). */
const MOOD_FLUSH_MS = 100;

export class Connection implements RoomMember {
  identity: Identity | null = null;
  readonly subs = new Map<string, Subscription>();
  readonly rooms = new Set<string>();
  /** Merges already told to this client (the frame comes through several rooms). */
  private readonly merges = new Set<string>();
  readonly frames = new TokenBucket(100, 50);
  readonly sends: TokenBucket;
  /** Frames are handled one after another, in arrival order. */
  queue: Promise<void> = Promise.resolve();
  /** Frames wait for this before being handled: an access check in progress (operator disabled, role changed). */
  gate: Promise<void> | null = null;
  alive = true;
  lastHeard = Date.now();
  /** Set once the connection is being closed: nothing more is written, no frame is handled. */
  closing: RefusalReason | null = null;
  private corked = false;
  /** `mood` frames waiting for the next `moods` frame, as serialised. */
  private moods: string[] | null = null;
  private grace: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly ws: WebSocket,
    /** The connection's socket: frames written in one turn of the event loop leave in one write. */
    private readonly socket: Duplex,
    readonly cookieHeader: string | undefined,
    readonly userAgent: string | undefined,
    readonly upgrade: UpgradeOrigin,
    /** Called when a live message skips sequences: replay the gap from storage. */
    private readonly onGap: (conn: Connection, conversationId: string) => void,
    private readonly closeGraceMs = CLOSE_GRACE_MS,
    /** Called when a visitor's identity changed (an `identity` frame in their room): check what they may follow. */
    private readonly onIdentity: (conn: Connection) => void = () => {},
  ) {
    // Bursts happen legitimately: a client resends everything unacknowledged after a reconnect.
    this.sends = new TokenBucket(60, 10);
  }

  get selfId(): string | null {
    if (!this.identity) return null;
    return this.identity.kind === 'visitor' ? this.identity.visitor.id : this.identity.operator.id;
  }

  /** Open and not being closed: frames may still be written and handled. */
  get open(): boolean {
    return this.closing === null && this.ws.readyState === this.ws.OPEN;
  }

  send(frame: ServerFrame): void {
    this.write(JSON.stringify(frame));
  }

  /** A serialised frame; a Buffer when one encoding is shared by many connections. */
  write(raw: string | Buffer): void {
    if (!this.open) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.refuse('too_slow', 'Too far behind reading; reconnect and resume');
      return;
    }
    this.push(raw);
  }

  private push(raw: string | Buffer): void {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(uncork, this);
    }
    this.ws.send(raw, { binary: false });
  }

  /** Holds a `mood` frame back for the connection's next `moods` frame (MOOD_FLUSH_MS). */
  private holdMood(raw: string): void {
    if (this.moods) {
      this.moods.push(raw);
      return;
    }
    this.moods = [raw];
    setTimeout(() => this.flushMoods(), MOOD_FLUSH_MS).unref();
  }

  private flushMoods(): void {
    const list = this.moods;
    this.moods = null;
    if (list?.length) this.write(`{"type":"moods","moods":[${list.join(',')}]}`);
  }

  /** Writes everything held back since the first write of this turn (see `write`). */
  flush(): void {
    if (!this.corked) return;
    this.corked = false;
    this.socket.uncork();
  }

  /**
   * Says why, closes with the reason's code, and destroys the socket if the
   * client has not completed the close within the grace period. The refusal
   * is queued behind what is already waiting, so a client that reads again in
   * time learns the reason. Idempotent: only the first reason counts.
   */
  refuse(reason: RefusalReason, message: string, retryAfterMs?: number): void {
    if (this.closing !== null) return;
    this.closing = reason;
    if (this.ws.readyState !== this.ws.OPEN) return;
    this.push(JSON.stringify({ type: 'refused', reason, message, ...(retryAfterMs ? { retryAfterMs } : {}) } satisfies ServerFrame));
    this.ws.close(CLOSE_CODES[reason], reason);
    this.grace = setTimeout(() => this.ws.terminate(), this.closeGraceMs);
    this.grace.unref();
  }

  /** The socket closed: the grace timer has nothing left to do. */
  closed(): void {
    clearTimeout(this.grace);
  }

  error(code: RefusalReason, message: string, ref?: string): void {
    this.send({ type: 'error', code, message, ...(ref ? { ref } : {}) });
  }

  /** More output waits for the socket than replay should add to. */
  get backlogged(): boolean {
    return this.ws.bufferedAmount > REPLAY_HIGH_WATER;
  }

  /**
   * Resolves when the output waiting for the socket is small again, or the
   * connection is closing: replay goes at the pace the client reads, and its
   * pages never pile up in memory.
   */
  whenDrained(): Promise<void> {
    this.flush();
    if (!this.open || !this.backlogged) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off('drain', done);
        this.socket.off('close', done);
        resolve();
      };
      this.socket.on('drain', done);
      this.socket.on('close', done);
    });
  }

  /** Starts (or restarts) following a conversation: live messages wait until replay catches up. */
  follow(conversationId: string): Subscription {
    const sub = this.subs.get(conversationId) ?? { lastSent: 0, buffer: null, overflowed: false };
    sub.buffer = [];
    sub.overflowed = false;
    this.subs.set(conversationId, sub);
    return sub;
  }

  /** Room delivery: message frames go through the subscription cursor; own typing is not echoed. */
  deliver(frame: ServerFrame, raw: string): void {
    // Visitors never join a team room; this holds even if one were joined by mistake.
    if (TEAM_ONLY.has(frame.type) && this.identity?.kind !== 'operator') return;
    if (frame.type === 'message') {
      const sub = this.subs.get(frame.message.conversationId);
      if (!sub) return;
      if (sub.buffer) {
        if (sub.buffer.length < MAX_REPLAY_BUFFER) sub.buffer.push(frame);
        else sub.overflowed = true;
        return;
      }
      if (frame.message.seq <= sub.lastSent) return;
      if (frame.message.seq > sub.lastSent + 1) {
        sub.buffer = [];
        this.onGap(this, frame.message.conversationId);
        return;
      }
      sub.lastSent = frame.message.seq;
    } else if (frame.type === 'typing' && frame.author.id === this.selfId && frame.author.kind === this.identity?.kind) {
      return;
    } else if (frame.type === 'mood') {
      this.holdMood(raw);
      return;
    } else if (frame.type === 'identity') {
      if (this.identity?.kind === 'visitor') this.onIdentity(this);
    } else if (frame.type === 'merged') {
      // Both cursors count in numbers that no longer exist: the client follows the survivor afresh.
      const key = `${frame.from}>${frame.into}`;
      if (this.merges.has(key)) return;
      this.merges.add(key);
      this.subs.delete(frame.from);
      this.subs.delete(frame.into);
    }
    this.write(raw);
  }

  /** Sends a replayed or buffered message if it is the next one for this connection. */
  sendInOrder(frame: Extract<ServerFrame, { type: 'message' }>): boolean {
    const sub = this.subs.get(frame.message.conversationId);
    if (!sub || frame.message.seq !== sub.lastSent + 1) return false;
    sub.lastSent = frame.message.seq;
    // Replay is paced by `whenDrained`, so it never trips the limit meant for live frames.
    if (this.open) this.push(JSON.stringify(frame));
    return true;
  }
}

/**
 * A tick runs after the current callback and its promise jobs, so the frames one
 * commit produces for a connection (its ack, the echo of its message, other
 * messages of the batch) share one system call instead of one each.
 */
function uncork(conn: Connection): void {
  conn.flush();
}

/** Frames for operators only: a connection that is not an operator's never writes them. */
const TEAM_ONLY = new Set<ServerFrame['type']>(['note', 'viewers', 'draft', 'mention', 'mood', 'taskDue', 'task', 'email', 'suggestions', 'summary']);

export const HELLO_TIMEOUT_MS = 10_000;
export const HEARTBEAT_MS = LIMITS.heartbeatMs;
