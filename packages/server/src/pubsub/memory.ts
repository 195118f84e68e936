import type { PubSub, PubSubHandler } from './pubsub.js';

/** In-process pub/sub: the embedded default when one node serves everything. */
export function createMemoryPubSub(): PubSub {
  const channels = new Map<string, Set<PubSubHandler>>();
  return {
    async publish(channel, payload) {
      const handlers = channels.get(channel);
      if (!handlers) return;
      for (const h of [...handlers]) {
        try {
          h(channel, payload);
        } catch {
          // A failing subscriber must not stop delivery to the others.
        }
      }
    },
    async subscribe(channel, handler) {
      let set = channels.get(channel);
      if (!set) {
        set = new Set();
        channels.set(channel, set);
      }
      // Wrap so the same function can be subscribed twice and removed once each.
      const entry: PubSubHandler = (c, p) => handler(c, p);
      set.add(entry);
      return async () => {
        const s = channels.get(channel);
        if (!s) return;
        s.delete(entry);
        if (s.size === 0) channels.delete(channel);
      };
    },
    async ping() {},
    async close() {
      channels.clear();
    },
  };
}
