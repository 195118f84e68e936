import type { ClientFrame } from '@switchboard/protocol';
import type { Context } from '../../context.js';
import type { Connection } from '../connection.js';
import type { AutoAway } from '../auto-away.js';
import type { Availability } from '../availability.js';
import type { Presence } from '../presence.js';
import type { Rooms } from '../rooms.js';
import type { Viewers } from '../viewers.js';
import type { VisitorFeed } from '../visitor-feed.js';
import type { VisitorPages } from '../visitor-pages.js';
import type { VisitorPresence } from '../visitor-presence.js';
import type { QueuePositions } from '../../routing/queue-positions.js';

/** What the gateway is given; it makes the rest (RealtimeDeps) itself. */
export interface GatewayDeps {
  ctx: Context;
  rooms: Rooms;
  presence: Presence;
  /** Whether an operator of a workspace is available; told to its widgets when it changes. */
  availability: Availability;
  /** Visitors on the site now, across nodes. */
  visitors: VisitorPresence;
  /** Tells a visitor who connects where their waiting conversations stand (routing). */
  queue?: Pick<QueuePositions, 'tell'>;
  /** The gateway's timers; tests shorten them. */
  timing?: Partial<GatewayTiming>;
}

export interface RealtimeDeps extends GatewayDeps {
  /** Who views which conversation, across nodes. */
  viewers: Viewers;
  autoAway: AutoAway;
  /** What each visitor tab shows: page views and presence. */
  visitorPages: VisitorPages;
  /** The Visitors page's live list, to the consoles following it. */
  visitorFeed: VisitorFeed;
}

export interface GatewayTiming {
  /** Ping interval; a connection that has not answered the last ping when the next is due is refused with `timeout`. */
  heartbeatMs: number;
  /** After a refusal, how long the client has to read it and complete the close before the socket is destroyed. */
  closeGraceMs: number;
}

export type FrameOf<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

export type FrameHandler<T extends ClientFrame['type']> = (deps: RealtimeDeps, conn: Connection, frame: FrameOf<T>) => Promise<void> | void;

/** Only `hello` may run before the connection is authenticated. */
export type HandlerMap = { [T in ClientFrame['type']]: FrameHandler<T> };
