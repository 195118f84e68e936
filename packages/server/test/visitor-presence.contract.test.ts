/**
 * Visitor presence across nodes, on in-process and Redis pub/sub: deltas
 * reach the other nodes, a visitor leaving goes after the grace period (and a
 * page load within it does not flash them offline), a node that stops
 * announcing takes its visitors offline after the expiry, a late node and a
 * node that missed a delta catch up from full states.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { createMemoryPubSub } from '../src/pubsub/memory.js';
import type { PubSub } from '../src/pubsub/pubsub.js';
import { createRedisPubSub } from '../src/pubsub/redis.js';
import { type ConnectionPage, VisitorPresence } from '../src/realtime/visitor-presence.js';
import { hasRedis, REDIS_URL, uniqueName } from '../../../test/support/services.js';

/** A node's link to the shared bus, which the test can cut (the node dies without a word) or make drop one message. */
function link(shared: PubSub) {
  let dead = false;
  let dropNext = false;
  const l: PubSub & { cut(): void; dropOne(): void } = {
    publish: (c, p) => {
      if (dead) return Promise.resolve();
      if (dropNext && p.includes('"k":"d"')) {
        dropNext = false;
        return Promise.resolve();
      }
      return shared.publish(c, p);
    },
    subscribe: (c, h) => shared.subscribe(c, (ch, p) => !dead && h(ch, p)),
    ping: () => shared.ping(),
    close: async () => {},
    cut: () => {
      dead = true;
    },
    dropOne: () => {
      dropNext = true;
    },
  };
  return l;
}

interface Impl {
  name: string;
  bus(): Promise<() => Promise<PubSub>>;
}

const IMPLS: Impl[] = [
  {
    name: 'memory',
    bus: async () => {
      const p = createMemoryPubSub();
      return async () => p;
    },
  },
  ...(hasRedis
    ? [
        {
          name: 'redis',
          bus: async () => {
            const prefix = `${uniqueName('sbv')}:`;
            return () => createRedisPubSub(REDIS_URL, prefix);
          },
        },
      ]
    : []),
];

async function eventually(cond: () => boolean, what: string, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

const page = (id: string, url: string, since: number, workspaceId = 'w1'): ConnectionPage => ({
  id,
  workspaceId,
  pageUrl: url,
  pageTitle: url.split('/').pop() ?? null,
  pageSince: since,
  arrivedAt: 1000,
  visits: 2,
});

describe.each(IMPLS)('visitor presence across nodes on $name pub/sub', (impl) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function setup() {
    const clock = new ManualClock();
    const open = await impl.bus();
    const make = async (name: string) => {
      const bus = await open();
      const l = link(bus);
      const changes: string[] = [];
      const presence = new VisitorPresence(l, clock, name);
      presence.listen((_w, id) => changes.push(id));
      await presence.start();
      cleanups.push(async () => {
        await presence.stop();
        if (impl.name === 'redis') await bus.close();
      });
      return { presence, link: l, changes };
    };
    return { clock, make };
  }

  it('shows a visitor arriving, moving and leaving on every node, by workspace', async () => {
    const { clock, make } = await setup();
    const a = await make('a');
    const b = await make('b');
    const tab = {};
    a.presence.page(tab, 'v1', page('v1', 'https://shop.example/home', 5000));
    expect(a.presence.get('v1')?.pageUrl).toBe('https://shop.example/home');
    await clock.advance(250);
    await eventually(() => b.presence.get('v1')?.pageUrl === 'https://shop.example/home', 'the arrival on b');
    expect(b.changes).toContain('v1');
    expect(b.presence.list('w1').map((v) => v.id)).toEqual(['v1']);
    expect(b.presence.list('w2')).toEqual([]);

    a.presence.page(tab, 'v1', page('v1', 'https://shop.example/tents', 9000));
    await clock.advance(250);
    await eventually(() => b.presence.get('v1')?.pageUrl === 'https://shop.example/tents', 'the move on b');

    // A full page load: the old page's connection closes, the next one connects within the grace period.
    a.presence.disconnect(tab, 'v1');
    await clock.advance(1000);
    const next = {};
    a.presence.page(next, 'v1', page('v1', 'https://shop.example/cart', 12_000));
    await clock.advance(5000);
    await eventually(() => b.presence.get('v1')?.pageUrl === 'https://shop.example/cart', 'the next page on b');
    expect(b.presence.isOnline('v1')).toBe(true);

    // Leaving: gone after the grace period, everywhere.
    a.presence.disconnect(next, 'v1');
    await clock.advance(3000);
    expect(a.presence.isOnline('v1')).toBe(true);
    await clock.advance(1250);
    expect(a.presence.isOnline('v1')).toBe(false);
    await eventually(() => !b.presence.isOnline('v1'), 'the departure on b');
    expect(b.presence.list('w1')).toEqual([]);
  });

  it('takes the visitors of a node that stops announcing offline after the expiry, not before', async () => {
    const { clock, make } = await setup();
    const a = await make('a');
    const b = await make('b');
    a.presence.page({}, 'v1', page('v1', 'https://shop.example/home', 5000));
    b.presence.page({}, 'v2', page('v2', 'https://shop.example/faq', 6000));
    await clock.advance(250);
    await eventually(() => b.presence.isOnline('v1') && a.presence.isOnline('v2'), 'both visitors on both nodes');
    // Heartbeats keep a live node's visitors however long (each one heard before time moves on).
    for (let i = 0; i < 6; i++) {
      const heard = b.presence.heardFrom('a') ?? 0;
      await clock.advance(10_000);
      await eventually(() => (b.presence.heardFrom('a') ?? 0) > heard, 'the heartbeat of a');
    }
    expect(b.presence.isOnline('v1')).toBe(true);

    a.link.cut();
    await clock.advance(20_000);
    expect(b.presence.isOnline('v1')).toBe(true);
    await clock.advance(20_000);
    expect(b.presence.isOnline('v1')).toBe(false);
    expect(b.changes.filter((id) => id === 'v1').length).toBeGreaterThanOrEqual(2);
    expect(b.presence.isOnline('v2')).toBe(true);
  });

  it('brings a late node up to date, and recovers a lost delta from a full state', async () => {
    const { clock, make } = await setup();
    const a = await make('a');
    for (let i = 0; i < 50; i++) a.presence.page({}, `v${i}`, page(`v${i}`, `https://shop.example/p${i}`, 5000 + i, i % 2 ? 'w1' : 'w2'));
    await clock.advance(250);
    const late = await make('late');
    await eventually(() => late.presence.list('w1').length === 25 && late.presence.list('w2').length === 25, 'the full state on the late node');

    // A delta lost on the way (Redis reconnecting): the next one shows the gap, and the full state mends it.
    const tab = {};
    a.presence.page(tab, 'lost', page('lost', 'https://shop.example/lost', 7000));
    a.link.dropOne();
    await clock.advance(250);
    a.presence.page({}, 'after', page('after', 'https://shop.example/after', 8000));
    await clock.advance(250);
    await eventually(() => late.presence.isOnline('after') && late.presence.isOnline('lost'), 'the lost visitor after the gap');

    // Lost again, and nothing follows but the heartbeat: it says which delta was last.
    a.presence.disconnect(tab, 'lost');
    await clock.advance(4000);
    a.link.dropOne();
    await clock.advance(500);
    expect(late.presence.isOnline('lost')).toBe(true);
    await clock.advance(10_000);
    await eventually(() => !late.presence.isOnline('lost'), 'the departure, from the full state after the heartbeat');
    expect(late.presence.list('w1').length + late.presence.list('w2').length).toBe(51);
  });

  it('spreads chatting and names from any node, and forgets a node that says goodbye at once', async () => {
    const { clock, make } = await setup();
    const a = await make('a');
    const b = await make('b');
    const c = await make('c');
    a.presence.page({}, 'v1', page('v1', 'https://shop.example/home', 5000));
    await clock.advance(250);
    await eventually(() => b.presence.isOnline('v1') && c.presence.isOnline('v1'), 'v1 everywhere');
    b.presence.patch('w1', 'v1', { chatting: true, name: 'Maya' });
    expect(b.presence.get('v1')).toMatchObject({ chatting: true, name: 'Maya' });
    await eventually(() => a.presence.get('v1')?.chatting === true && c.presence.get('v1')?.name === 'Maya', 'the patch everywhere');
    // The visitor's own node announces the patched entry again, so an older delta never wins.
    await clock.advance(250);
    a.presence.page({}, 'v1', page('v1', 'https://shop.example/next', 9000));
    await clock.advance(250);
    await eventually(() => c.presence.get('v1')?.pageUrl === 'https://shop.example/next', 'the move on c');
    expect(c.presence.get('v1')).toMatchObject({ chatting: true, name: 'Maya' });

    await a.presence.stop();
    await eventually(() => !b.presence.isOnline('v1') && !c.presence.isOnline('v1'), 'v1 gone with its node');
  });
});
