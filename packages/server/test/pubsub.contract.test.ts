/** The pub/sub contract: in-process and Redis behave the same. */
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryPubSub } from '../src/pubsub/memory.js';
import type { PubSub } from '../src/pubsub/pubsub.js';
import { createRedisPubSub } from '../src/pubsub/redis.js';
import { hasRedis, REDIS_URL, uniqueName } from '../../../test/support/services.js';

interface Impl {
  name: string;
  /** Two handles on the same bus: two nodes for Redis, the same instance in process. */
  make(): Promise<[PubSub, PubSub]>;
}

const IMPLS: Impl[] = [
  {
    name: 'memory',
    make: async () => {
      const p = createMemoryPubSub();
      return [p, p];
    },
  },
  ...(hasRedis
    ? [
        {
          name: 'redis',
          make: async (): Promise<[PubSub, PubSub]> => {
            const prefix = `${uniqueName('sbt')}:`;
            return [await createRedisPubSub(REDIS_URL, prefix), await createRedisPubSub(REDIS_URL, prefix)];
          },
        },
      ]
    : []),
];

const until = async (cond: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe.each(IMPLS)('pub/sub contract on $name', (impl) => {
  const open: PubSub[] = [];
  afterEach(async () => {
    await Promise.all([...new Set(open.splice(0))].map((p) => p.close()));
  });
  async function pair() {
    const [a, b] = await impl.make();
    open.push(a, b);
    return [a, b] as const;
  }

  it('delivers to every subscriber of a channel, in publish order, and only that channel', async () => {
    const [a, b] = await pair();
    const got1: string[] = [];
    const got2: string[] = [];
    const other: string[] = [];
    await b.subscribe('room:1', (_c, p) => got1.push(p));
    await b.subscribe('room:1', (_c, p) => got2.push(p));
    await b.subscribe('room:2', (_c, p) => other.push(p));
    for (let i = 0; i < 100; i++) await a.publish('room:1', `m${i}`);
    await until(() => got1.length === 100 && got2.length === 100);
    expect(got1).toEqual(Array.from({ length: 100 }, (_, i) => `m${i}`));
    expect(got2).toEqual(got1);
    expect(other).toEqual([]);
  });

  it('stops delivering after unsubscribe, while other handlers keep receiving', async () => {
    const [a, b] = await pair();
    const kept: string[] = [];
    const dropped: string[] = [];
    await b.subscribe('room:x', (_c, p) => kept.push(p));
    const off = await b.subscribe('room:x', (_c, p) => dropped.push(p));
    await a.publish('room:x', 'one');
    await until(() => kept.length === 1 && dropped.length === 1);
    await off();
    await a.publish('room:x', 'two');
    await until(() => kept.length === 2);
    expect(dropped).toEqual(['one']);
  });

  it('keeps delivering when one handler throws', async () => {
    const [a, b] = await pair();
    const got: string[] = [];
    await b.subscribe('room:t', () => {
      throw new Error('boom');
    });
    await b.subscribe('room:t', (_c, p) => got.push(p));
    await a.publish('room:t', 'still here');
    await until(() => got.length === 1);
    expect(got).toEqual(['still here']);
  });

  it('carries unicode and large payloads intact', async () => {
    const [a, b] = await pair();
    const got: string[] = [];
    await b.subscribe('room:u', (_c, p) => got.push(p));
    const big = `héllo 👋 ${'x'.repeat(200_000)}`;
    await a.publish('room:u', big);
    await until(() => got.length === 1);
    expect(got[0]).toBe(big);
  });

  it('answers ping', async () => {
    const [a] = await pair();
    await expect(a.ping()).resolves.toBeUndefined();
  });
});

describe.runIf(hasRedis)('redis key prefixes', () => {
  it('keeps two deployments on one Redis apart', async () => {
    const x = await createRedisPubSub(REDIS_URL, `${uniqueName('x')}:`);
    const y = await createRedisPubSub(REDIS_URL, `${uniqueName('y')}:`);
    const got: string[] = [];
    await y.subscribe('room:1', (_c, p) => got.push(p));
    await x.publish('room:1', 'not for y');
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual([]);
    await x.close();
    await y.close();
  });
});
