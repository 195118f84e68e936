import type { ServerFrame } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { createMemoryPubSub } from '../pubsub/memory.js';
import type { PubSub } from '../pubsub/pubsub.js';
import { Viewers } from './viewers.js';

/** A node's view of the shared pub/sub, which the test can cut (the node dies without a word). */
function link(shared: PubSub): PubSub & { cut(): void } {
  let dead = false;
  return {
    publish: (c, p) => (dead ? Promise.resolve() : shared.publish(c, p)),
    subscribe: (c, h) => shared.subscribe(c, (ch, p) => !dead && h(ch, p)),
    ping: () => shared.ping(),
    close: async () => {},
    cut: () => {
      dead = true;
    },
  };
}

function node(name: string, pubsub: PubSub, clock: ManualClock) {
  const seen: ServerFrame[] = [];
  const viewers = new Viewers(pubsub, clock, name, (_id, frame) => seen.push(frame));
  const last = () => {
    const f = seen.at(-1);
    return f?.type === 'viewers' ? f.viewers.map((v) => v.name) : null;
  };
  return { viewers, seen, last };
}

const ana = { workspaceId: 'w', operatorId: 'ana', name: 'Ana' };
const ben = { workspaceId: 'w', operatorId: 'ben', name: 'Ben' };

describe('viewers across nodes', () => {
  it('shows each node who views a conversation anywhere, and forgets a node that died after the expiry', async () => {
    const clock = new ManualClock();
    const shared = createMemoryPubSub();
    const linkA = link(shared);
    const a = node('a', linkA, clock);
    const b = node('b', shared, clock);
    await a.viewers.start();
    await b.viewers.start();
    const connA = {};
    const connB = {};

    a.viewers.view(connA, ana, 'c1');
    expect(b.last()).toEqual(['Ana']);
    b.viewers.view(connB, ben, 'c1');
    expect(a.last()).toEqual(['Ana', 'Ben']);
    expect(b.viewers.list('c1').map((v) => v.operatorId)).toEqual(['ana', 'ben']);
    // Two tabs of one operator count once.
    a.viewers.view({}, ana, 'c1');
    expect(b.viewers.list('c1')).toHaveLength(2);

    // Renewals keep a live node's viewers past the expiry.
    await clock.advance(200_000);
    expect(b.viewers.list('c1').map((v) => v.name)).toEqual(['Ana', 'Ben']);

    // Node A dies: no goodbye, no renewals. Node B lets its viewers go after 90 s, not before.
    linkA.cut();
    await clock.advance(30_000);
    expect(b.viewers.list('c1').map((v) => v.name)).toEqual(['Ana', 'Ben']);
    await clock.advance(90_000);
    expect(b.last()).toEqual(['Ben']);
    await b.viewers.stop();
    await a.viewers.stop();
  });

  it('tells the others at once when a connection stops viewing or closes, and brings a new node up to date', async () => {
    const clock = new ManualClock();
    const shared = createMemoryPubSub();
    const a = node('a', shared, clock);
    await a.viewers.start();
    const conn = {};
    a.viewers.view(conn, ana, 'c1');
    const late = node('late', shared, clock);
    await late.viewers.start();
    expect(late.viewers.list('c1').map((v) => v.name)).toEqual(['Ana']);

    a.viewers.view(conn, ana, 'c2');
    expect(late.viewers.list('c1')).toEqual([]);
    expect(late.viewers.list('c2').map((v) => v.name)).toEqual(['Ana']);
    a.viewers.leave(conn);
    expect(late.last()).toEqual([]);
    expect(late.viewers.list('c2')).toEqual([]);

    // A node that stops says goodbye: the others forget its viewers without waiting.
    a.viewers.view(conn, ana, 'c3');
    await a.viewers.stop();
    expect(late.viewers.list('c3')).toEqual([]);
    await late.viewers.stop();
  });
});
