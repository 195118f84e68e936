import { Redis } from 'ioredis';
import type { PubSub, PubSubHandler } from './pubsub.js';

/**
 * Redis pub/sub for several nodes. One connection publishes, one subscribes;
 * each channel is subscribed in Redis once per node, however many local
 * handlers it has. Channels are prefixed so deployments (and test runs) can
 * share a Redis without seeing each other.
 */
export async function createRedisPubSub(url: string, prefix = 'sb:'): Promise<PubSub> {
  const opts = { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true } as const;
  const pub = new Redis(url, opts);
  const sub = new Redis(url, opts);
  // Errors surface through failed publishes and readiness; reconnects are automatic.
  pub.on('error', () => {});
  sub.on('error', () => {});
  await Promise.all([pub.connect(), sub.connect()]);

  const channels = new Map<string, { handlers: Set<PubSubHandler>; ready: Promise<unknown> }>();
  sub.on('messageBuffer', (chan: Buffer, message: Buffer) => {
    const channel = chan.toString().slice(prefix.length);
    const entry = channels.get(channel);
    if (!entry) return;
    const payload = message.toString();
    for (const h of [...entry.handlers]) {
      try {
        h(channel, payload);
      } catch {
        // keep delivering to the others
      }
    }
  });

  return {
    async publish(channel, payload) {
      await pub.publish(prefix + channel, payload);
    },
    async subscribe(channel, handler) {
      let entry = channels.get(channel);
      if (!entry) {
        entry = { handlers: new Set(), ready: sub.subscribe(prefix + channel) };
        channels.set(channel, entry);
      }
      const h: PubSubHandler = (c, p) => handler(c, p);
      entry.handlers.add(h);
      await entry.ready;
      return async () => {
        const e = channels.get(channel);
        if (!e?.handlers.delete(h) || e.handlers.size > 0) return;
        channels.delete(channel);
        await sub.unsubscribe(prefix + channel);
      };
    },
    async ping() {
      await pub.ping();
    },
    async close() {
      channels.clear();
      pub.disconnect();
      sub.disconnect();
    },
  };
}
