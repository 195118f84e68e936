import type { ClientFrame } from '@switchboard/protocol';
import type { Context } from '../../context.js';
import type { Connection } from '../connection.js';
import type { Presence } from '../presence.js';
import type { Rooms } from '../rooms.js';

export interface RealtimeDeps {
  ctx: Context;
  rooms: Rooms;
  presence: Presence;
}

export type FrameOf<T extends ClientFrame['type']> = Extract<ClientFrame, { type: T }>;

export type FrameHandler<T extends ClientFrame['type']> = (deps: RealtimeDeps, conn: Connection, frame: FrameOf<T>) => Promise<void> | void;

/** Only `hello` may run before the connection is authenticated. */
export type HandlerMap = { [T in ClientFrame['type']]: FrameHandler<T> };
