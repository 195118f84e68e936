/**
 * Working a conversation together: operators see who else views it and who
 * is replying, and (with the inbox's sneak peek on) what the visitor is
 * typing, redacted. None of it ever reaches the visitor.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { systemClock } from '../src/clock.js';

let s: TestServer;
let admin: string;
let bea: string;
let inboxId: string;
/** The server's clock runs this far ahead: moved to let the sneak peek setting be read again. */
let offset = 0;
beforeAll(async () => {
  s = await startTestServer({ deps: { clock: { ...systemClock, now: () => Date.now() + offset } } });
  admin = await login(s.url);
  await api(s.url, '/api/v1/operators', { token: admin, body: { email: 'bea@example.com', name: 'Bea Bauer', password: 'lantern-orchard-basalt' } });
  bea = await login(s.url, { email: 'bea@example.com', password: 'lantern-orchard-basalt' });
  inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
});
afterAll(() => s.close());

async function visitorConversation() {
  const v = await newVisitor(s.url, s.websiteKey);
  const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  const ack = await visitor.client.send({ body: 'Hi, a question about my order' });
  visitor.client.subscribe(ack.conversationId, 0);
  await visitor.waitFor('synced', (f) => f.conversationId === ack.conversationId);
  return { visitor, conversationId: ack.conversationId };
}

async function following(token: string, conversationId: string): Promise<TestClient> {
  const c = operatorClient(s.wsUrl, token);
  await c.waitFor('welcome');
  c.client.subscribe(conversationId);
  await c.waitFor('synced', (f) => f.conversationId === conversationId);
  return c;
}

const names = (c: TestClient, conversationId: string) => {
  const f = c.frames.filter((x) => x.type === 'viewers' && x.conversationId === conversationId).at(-1);
  return f?.type === 'viewers' ? f.viewers.map((v) => v.name) : null;
};

const setSneakPeek = async (on: boolean) => {
  const r = await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { settings: { sneakPeek: on } } });
  expect(r.status).toBe(200);
  // Drafts read the setting again at most every 2 s: move the server's clock past that.
  offset += 3000;
};

describe('viewers', () => {
  it('shows operators in a conversation each other, live, as they come and go; never the visitor', async () => {
    const { visitor, conversationId } = await visitorConversation();
    const a = await following(admin, conversationId);
    const b = await following(bea, conversationId);
    expect(names(b, conversationId)).toEqual([]);
    a.client.sendVolatile({ type: 'view', conversationId });
    await b.waitFor('viewers', (f) => f.viewers.length === 1);
    expect(names(b, conversationId)).toEqual(['Admin']);
    b.client.sendVolatile({ type: 'view', conversationId });
    await a.waitFor('viewers', (f) => f.viewers.length === 2);
    expect(names(a, conversationId)).toEqual(['Admin', 'Bea Bauer']);

    // Someone who subscribes later hears who is there right after the replay.
    const late = await following(admin, conversationId);
    expect(names(late, conversationId)).toEqual(['Admin', 'Bea Bauer']);

    // The tab went to the background: Admin no longer views it (Admin's other console does not either).
    a.client.sendVolatile({ type: 'view', conversationId: null });
    await b.waitFor('viewers', (f) => f.viewers.length === 1 && f.viewers[0]?.name === 'Bea Bauer');
    // Bea's console closes.
    b.close();
    await a.waitFor('viewers', (f) => f.viewers.length === 0);

    await a.client.send({ conversationId, body: 'marker' });
    await visitor.waitFor('message', (f) => f.message.body === 'marker');
    expect(visitor.frames.some((f) => f.type === 'viewers')).toBe(false);
    for (const c of [visitor, a, late]) c.close();
  });

  it('refuses to show a conversation the console does not follow', async () => {
    const { visitor, conversationId } = await visitorConversation();
    const a = operatorClient(s.wsUrl, admin);
    await a.waitFor('welcome');
    a.client.sendVolatile({ type: 'view', conversationId, ref: 'not-followed' });
    expect(await a.waitFor('error', (f) => f.ref === 'not-followed')).toMatchObject({ code: 'not_found' });
    for (const c of [visitor, a]) c.close();
  });

  it('tells the other operators who is replying', async () => {
    const { visitor, conversationId } = await visitorConversation();
    const a = await following(admin, conversationId);
    const b = await following(bea, conversationId);
    a.client.sendVolatile({ type: 'typing', conversationId, typing: true });
    expect(await b.waitFor('typing', (f) => f.author.kind === 'operator')).toMatchObject({ author: { name: 'Admin' }, typing: true });
    for (const c of [visitor, a, b]) c.close();
  });
});

describe('sneak peek', () => {
  it('is off by default: the visitor’s draft goes nowhere', async () => {
    const { visitor, conversationId } = await visitorConversation();
    const a = await following(admin, conversationId);
    visitor.client.sendVolatile({ type: 'draft', conversationId, text: 'off by default' });
    visitor.client.sendVolatile({ type: 'ping', ref: 'done' });
    await visitor.waitFor('pong', (f) => f.ref === 'done');
    // Whatever the draft had published would be in before this note.
    await api(s.url, `/api/v1/conversations/${conversationId}/notes`, { token: admin, body: { body: 'marker note' } });
    await a.waitFor('note');
    expect(a.frames.some((f) => f.type === 'draft')).toBe(false);
    for (const c of [visitor, a]) c.close();
  });

  it('shows operators the visitor’s draft with card numbers redacted, never the visitor, and stops when turned off', async () => {
    const { visitor, conversationId } = await visitorConversation();
    const a = await following(admin, conversationId);
    await setSneakPeek(true);
    try {
      visitor.client.sendVolatile({ type: 'draft', conversationId, text: 'My card is 4111 1111 1111 1111, order 1234' });
      const seen = await a.waitFor('draft');
      expect(seen).toEqual({ type: 'draft', conversationId, text: 'My card is [card number], order 1234' });
      expect(JSON.stringify(a.frames)).not.toContain('4111');
      expect(visitor.frames.some((f) => f.type === 'draft')).toBe(false);

      // Operators cannot send drafts; a draft over the limit is refused.
      a.client.sendVolatile({ type: 'draft', conversationId, text: 'x', ref: 'op-draft' });
      expect(await a.waitFor('error', (f) => f.ref === 'op-draft')).toMatchObject({ code: 'forbidden' });
      visitor.client.sendVolatile({ type: 'draft', conversationId, text: 'y'.repeat(2001), ref: 'long' });
      expect(await visitor.waitFor('error', (f) => f.ref === 'long')).toMatchObject({ code: 'bad_frame' });

      // A burst is cut down to a few drafts.
      for (let i = 0; i < 30; i++) visitor.client.sendVolatile({ type: 'draft', conversationId, text: `burst ${i}` });
      visitor.client.sendVolatile({ type: 'ping', ref: 'burst' });
      await visitor.waitFor('pong', (f) => f.ref === 'burst');
      await api(s.url, `/api/v1/conversations/${conversationId}/notes`, { token: admin, body: { body: 'after the burst' } });
      await a.waitFor('note', (f) => f.note.body === 'after the burst');
      const burst = a.frames.filter((f) => f.type === 'draft' && f.text.startsWith('burst')).length;
      expect(burst).toBeGreaterThan(0);
      expect(burst).toBeLessThan(10);
    } finally {
      await setSneakPeek(false);
    }
    const before = a.frames.filter((f) => f.type === 'draft').length;
    visitor.client.sendVolatile({ type: 'draft', conversationId, text: 'after it was turned off' });
    visitor.client.sendVolatile({ type: 'ping', ref: 'off' });
    await visitor.waitFor('pong', (f) => f.ref === 'off');
    await api(s.url, `/api/v1/conversations/${conversationId}/notes`, { token: admin, body: { body: 'off again' } });
    await a.waitFor('note', (f) => f.note.body === 'off again');
    expect(a.frames.filter((f) => f.type === 'draft')).toHaveLength(before);
    expect(JSON.stringify(await s.app.ctx.db.selectFrom('messages').select('body').execute())).not.toContain('4111');
    for (const c of [visitor, a]) c.close();
  });

  it('tells the widget when the inbox has sneak peek on', async () => {
    await setSneakPeek(true);
    try {
      const r = await api<{ inbox: { sneakPeek: boolean } }>(s.url, '/api/v1/widget/session', { body: { websiteKey: s.websiteKey } });
      expect(r.body.inbox.sneakPeek).toBe(true);
    } finally {
      await setSneakPeek(false);
    }
    const r = await api<{ inbox: { sneakPeek: boolean } }>(s.url, '/api/v1/widget/session', { body: { websiteKey: s.websiteKey } });
    expect(r.body.inbox.sneakPeek).toBe(false);
  });
});
