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

export type Identity = { kind: 'visitor'; visitor: Visitor } | { kind: 'operator'; operator: Operator; sessionId: string };

interface Subscription {
  /** Highest sequence sent to this connection. */
  lastSent: number;
  /** While replaying from storage, live messages wait here. */
  buffer: ServerFrame[] | null;
}

/** A client that cannot keep up is disconnected (it resumes from its cursor) rather than buffered forever. */
const MAX_BUFFERED_BYTES = 4 * 1024 * 1024;

export class Connection implements RoomMember {
  identity: Identity | null = null;
  readonly subs = new Map<string, Subscription>();
  readonly rooms = new Set<string>();
  readonly frames = new TokenBucket(100, 50);
  readonly sends: TokenBucket;
  /** Frames are handled one after another, in arrival order. */
  queue: Promise<void> = Promise.resolve();
  alive = true;
  lastHeard = Date.now();
  private corked = false;

  constructor(
    readonly ws: WebSocket,
    /** The connection's socket: frames written in one turn of the event loop leave in one write. */
    private readonly socket: Duplex,
    readonly cookieHeader: string | undefined,
    readonly userAgent: string | undefined,
    /** Called when a live message skips sequences: replay the gap from storage. */
    private readonly onGap: (conn: Connection, conversationId: string) => void,
  ) {
    // Bursts happen legitimately: a client resends everything unacknowledged after a reconnect.
    this.sends = new TokenBucket(60, 10);
  }

  get selfId(): string | null {
    if (!this.identity) return null;
    return this.identity.kind === 'visitor' ? this.identity.visitor.id : this.identity.operator.id;
  }

  send(frame: ServerFrame): void {
    this.write(JSON.stringify(frame));
  }

  /** A serialised frame; a Buffer when one encoding is shared by many connections. */
  write(raw: string | Buffer): void {
    if (this.ws.readyState !== this.ws.OPEN) return;
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.refuse('rate_limited', 'Too far behind; reconnect and resume');
      return;
    }
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(uncork, this);
    }
    this.ws.send(raw, { binary: false });
  }

  /** Writes everything held back since the first write of this turn (see `write`). */
  flush(): void {
    if (!this.corked) return;
    this.corked = false;
    this.socket.uncork();
  }

  refuse(reason: RefusalReason, message: string, retryAfterMs?: number): void {
    this.send({ type: 'refused', reason, message, ...(retryAfterMs ? { retryAfterMs } : {}) });
    this.ws.close(CLOSE_CODES[reason], reason);
  }

  error(code: RefusalReason, message: string, ref?: string): void {
    this.send({ type: 'error', code, message, ...(ref ? { ref } : {}) });
  }

  /** Room delivery: message frames go through the subscription cursor; own typing is not echoed. */
  deliver(frame: ServerFrame, raw: string): void {
    if (frame.type === 'message') {
      const sub = this.subs.get(frame.message.conversationId);
      if (!sub) return;
      if (sub.buffer) {
        sub.buffer.push(frame);
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
    }
    this.write(raw);
  }

  /** Sends a replayed or buffered message if it is the next one for this connection. */
  sendInOrder(frame: Extract<ServerFrame, { type: 'message' }>): boolean {
    const sub = this.subs.get(frame.message.conversationId);
    if (!sub || frame.message.seq !== sub.lastSent + 1) return false;
    sub.lastSent = frame.message.seq;
    this.send(frame);
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

export const HELLO_TIMEOUT_MS = 10_000;
export const HEARTBEAT_MS = LIMITS.heartbeatMs;
