/**
 * Pub/sub between server nodes, behind a narrow interface (after the
 * Socket.IO adapter): in-process by default, Redis for several nodes.
 * Payloads are strings (serialised frames), so a message is encoded once and
 * the same string is written to every socket.
 */
export type PubSubHandler = (channel: string, payload: string) => void;

export interface PubSub {
  publish(channel: string, payload: string): Promise<void>;
  /** Resolves once the subscription is active, so nothing published afterwards is missed. */
  subscribe(channel: string, handler: PubSubHandler): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
