/**
 * Visitor activity through a real server: pages reported over the realtime
 * connection become the visitor's visit and trail (HTTP), the Visitors feed
 * shows them arrive, move and leave, Start chat opens a conversation the
 * visitor's widget is told about (and refuses visitors who left or already
 * chat), and nothing of it crosses workspaces.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackedVisitor, type ServerFrame, unpackVisitor } from '@switchboard/protocol';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

let s: TestServer;
let token: string;
let tokenB: string;
let websiteKeyB: string;
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  token = await login(s.url);
  const b = await createWorkspace(s.app.ctx, {
    name: 'B',
    ownerEmail: 'owner@b.test',
    ownerName: 'Bea',
    ownerPassword: 'password-b-long',
    inboxName: 'B site',
  });
  websiteKeyB = b.inbox.websiteKey;
  tokenB = await login(s.url, { email: 'owner@b.test', password: 'password-b-long' });
});
afterAll(async () => {
  for (const c of open) c.close();
  await s.close();
});

function track<T extends TestClient>(c: T): T {
  open.push(c);
  return c;
}

/** The Visitors list as a console following it holds it: the snapshot, then each batch applied. */
function listOf(c: TestClient): Map<string, ReturnType<typeof unpackVisitor>> {
  const list = new Map<string, ReturnType<typeof unpackVisitor>>();
  for (const f of c.frames) {
    if (f.type !== 'visitors') continue;
    if (f.snapshot) list.clear();
    for (const p of f.visitors as PackedVisitor[]) list.set(p[0], unpackVisitor(p));
    for (const id of f.gone) list.delete(id);
  }
  return list;
}

async function eventually(cond: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Asks again until the answer is the one expected (the page report it depends on is on its way). */
async function poll<T>(ask: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await ask();
    if (ok(v) || Date.now() > end) return v;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function visitorOn(key: string, url: string, title: string, referrer = '') {
  const v = await newVisitor(s.url, key);
  const c = track(visitorClient(s.wsUrl, key, v.visitorToken));
  await c.waitFor('welcome');
  c.client.sendVolatile({ type: 'page', url, title, referrer, timeZone: 'Europe/Paris', locale: 'fr-FR' });
  return { ...v, c };
}

describe('the Visitors feed', () => {
  it('shows a visitor arrive, move and leave, after a snapshot of who is there', async () => {
    const early = await visitorOn(s.websiteKey, 'https://shop.example/', 'Home');
    await eventually(() => s.app.gateway.connections.size > 0, 'the visitor');
    const op = track(operatorClient(s.wsUrl, token));
    await op.waitFor('welcome');
    // The early visitor's page may still be on its way: the snapshot or the next batch brings them.
    op.client.sendVolatile({ type: 'visitors', follow: true });
    const snapshot = await op.waitFor('visitors', (f) => f.snapshot);
    expect(Array.isArray(snapshot.visitors)).toBe(true);
    await eventually(() => listOf(op).has(early.visitorId), 'the early visitor in the list');

    const v = await visitorOn(s.websiteKey, 'https://shop.example/tents?utm_source=ads', 'Tents', 'https://www.google.com/');
    await eventually(() => listOf(op).get(v.visitorId)?.pageTitle === 'Tents', 'the arrival');
    expect(listOf(op).get(v.visitorId)).toMatchObject({ name: null, pageUrl: 'https://shop.example/tents?utm_source=ads', visits: 1, chatting: false });

    v.c.client.sendVolatile({ type: 'page', url: 'https://shop.example/tents/trail-2p', title: 'Trail 2P', referrer: 'https://www.google.com/' });
    await eventually(() => listOf(op).get(v.visitorId)?.pageTitle === 'Trail 2P', 'the move');
    const moved = listOf(op).get(v.visitorId)!;
    expect(moved.pageSince).toBeGreaterThanOrEqual(moved.arrivedAt);

    // Batches: never two entries of one visitor in one frame, and deltas after the snapshot only.
    for (const f of op.frames) if (f.type === 'visitors') expect(new Set(f.visitors.map((p) => p[0])).size).toBe(f.visitors.length);

    v.c.close();
    const left = Date.now();
    await eventually(() => !listOf(op).has(v.visitorId), 'the departure');
    expect(Date.now() - left).toBeLessThan(8000);
    expect(listOf(op).has(early.visitorId)).toBe(true);

    // Stopped following: a console still following sees the next move, this one does not.
    op.client.sendVolatile({ type: 'visitors', follow: false });
    // Frames of a connection are handled in order: once the pong is back, it follows no more.
    op.client.sendVolatile({ type: 'ping', ref: 'unfollowed' });
    await op.waitFor('pong', (f) => f.ref === 'unfollowed');
    const witness = track(operatorClient(s.wsUrl, token));
    await witness.waitFor('welcome');
    const count = op.frames.length;
    witness.client.sendVolatile({ type: 'visitors', follow: true });
    await witness.waitFor('visitors', (f) => f.snapshot);
    early.c.client.sendVolatile({ type: 'page', url: 'https://shop.example/faq', title: 'FAQ' });
    await eventually(() => listOf(witness).get(early.visitorId)?.pageTitle === 'FAQ', 'the move seen by the console still following');
    expect(op.frames.slice(count).filter((f) => f.type === 'visitors')).toEqual([]);
  });

  it('answers the visit and the trail over HTTP', async () => {
    const v = await visitorOn(s.websiteKey, 'https://shop.example/?utm_source=mail&utm_campaign=spring', 'Home', 'https://mail.example/');
    const d = await poll(
      async () => (await api<Record<string, unknown>>(s.url, `/api/v1/visitors/${v.visitorId}`, { token })).body,
      (b) => !!b.visit,
    );
    expect(d).toMatchObject({
      id: v.visitorId,
      pageUrl: 'https://shop.example/?utm_source=mail&utm_campaign=spring',
      timeZone: 'Europe/Paris',
      visitCount: 1,
      online: true,
      visit: { number: 1, referrer: 'https://mail.example/', utm: { source: 'mail', campaign: 'spring', medium: null, term: null, content: null } },
    });
    v.c.client.sendVolatile({ type: 'page', url: 'https://shop.example/faq', title: 'FAQ', referrer: 'https://shop.example/' });
    const pages = await poll(
      () => api<{ items: { title: string; visitId: string }[] }>(s.url, `/api/v1/visitors/${v.visitorId}/pages`, { token }),
      (r) => r.body.items.length >= 2,
    );
    expect(pages.body.items.map((p) => p.title)).toEqual(['FAQ', 'Home']);
    const one = await api<{ items: unknown[]; nextCursor: string | null }>(s.url, `/api/v1/visitors/${v.visitorId}/pages?limit=1`, { token });
    expect(one.body.items).toHaveLength(1);
    const rest = await api<{ items: { title: string }[] }>(s.url, `/api/v1/visitors/${v.visitorId}/pages?limit=5&cursor=${one.body.nextCursor}`, { token });
    expect(rest.body.items.map((p) => p.title)).toEqual(['Home']);
    const ofVisit = await api<{ items: unknown[] }>(s.url, `/api/v1/visitors/${v.visitorId}/pages?visitId=${pages.body.items[0]!.visitId}`, { token });
    expect(ofVisit.body.items).toHaveLength(2);
    expect((await api(s.url, `/api/v1/visitors/${v.visitorId}/pages?visitId=../x`, { token })).status).toBe(400);
  });
});

describe('Start chat', () => {
  it('opens a conversation assigned to the operator, tells the visitor’s widget, and the answer comes back', async () => {
    const v = await visitorOn(s.websiteKey, 'https://shop.example/tents', 'Tents');
    const op = track(operatorClient(s.wsUrl, token));
    await op.waitFor('welcome');
    // The visitor is on the site once their page report is recorded.
    const r = await poll(
      () =>
        api<{ conversation: { id: string; status: string; assigneeId: string }; message: { body: string; html: string } }>(
          s.url,
          `/api/v1/visitors/${v.visitorId}/conversations`,
          { token, body: { body: 'Hello! Can I help you choose a tent?', clientId: 'start-1' } },
        ),
      (x) => x.status !== 409,
    );
    expect(r.status).toBe(201);
    const me = await api<{ id: string }>(s.url, '/api/v1/auth/me', { token });
    expect(r.body.conversation).toMatchObject({ status: 'open', assigneeId: me.body.id });
    expect(r.body.message.html).toContain('Can I help you choose a tent?');
    const conversationId = r.body.conversation.id;

    const invite = await v.c.waitFor('invite');
    expect(invite).toEqual({ type: 'invite', conversationId, operator: { name: expect.any(String) } });
    v.c.client.subscribe(conversationId, 0);
    await v.c.waitFor('synced', (f) => f.conversationId === conversationId);
    expect(v.c.messages(conversationId).map((m) => m.body)).toEqual(['Hello! Can I help you choose a tent?']);

    op.client.subscribe(conversationId);
    await op.waitFor('synced', (f) => f.conversationId === conversationId);
    await v.c.client.send({ conversationId, body: 'Yes, a light one for two.' });
    await op.waitFor('message', (f) => f.message.body === 'Yes, a light one for two.');

    // The same request again (a retry) starts nothing new.
    const again = await api<{ conversation: { id: string } }>(s.url, `/api/v1/visitors/${v.visitorId}/conversations`, {
      token,
      body: { body: 'Hello! Can I help you choose a tent?', clientId: 'start-1' },
    });
    expect(again.status).toBe(201);
    expect(again.body.conversation.id).toBe(conversationId);
    // Already chatting: refused, with the conversation to open instead.
    const busy = await api<{ error: { code: string; details: { reason: string; conversationId: string } } }>(
      s.url,
      `/api/v1/visitors/${v.visitorId}/conversations`,
      { token, body: { body: 'Hi again' } },
    );
    expect(busy.status).toBe(409);
    expect(busy.body.error.details).toEqual({ reason: 'already_chatting', conversationId });

    // Consoles following the conversation see the visitor move, with the page they opened.
    v.c.client.sendVolatile({ type: 'page', url: 'https://shop.example/checkout', title: 'Checkout' });
    const moved = await op.waitFor('visitor', (f) => f.visitor.pageTitle === 'Checkout');
    expect(moved.pageView).toMatchObject({ url: 'https://shop.example/checkout', title: 'Checkout' });
    expect(moved.visitor).toMatchObject({ online: true, visitCount: 1 });

    // Leaving the site: the panel hears it once they did not come back, with the visit they made.
    v.c.close();
    const left = await op.waitFor('visitor', (f) => f.visitor.id === v.visitorId && f.visitor.online === false, 15_000);
    expect(left.visitor.visit?.pageViews).toBe(2);
  });

  it('refuses a visitor who is not on the site, an empty message, and a visitor of another workspace', async () => {
    const gone = await newVisitor(s.url, s.websiteKey);
    const r = await api<{ error: { code: string; message: string; details: unknown } }>(s.url, `/api/v1/visitors/${gone.visitorId}/conversations`, {
      token,
      body: { body: 'Hello?' },
    });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'conflict', message: 'This visitor has left the site', details: { reason: 'visitor_offline' } });
    const empty = await api<{ error: { details: { path: string }[] } }>(s.url, `/api/v1/visitors/${gone.visitorId}/conversations`, {
      token,
      body: { body: '   ' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.error.details[0]?.path).toBe('body');
    expect((await api(s.url, '/api/v1/visitors/nobody/conversations', { token, body: { body: 'Hi' } })).status).toBe(404);
    const unfilled = await api(s.url, `/api/v1/visitors/${gone.visitorId}/conversations`, { token, body: { body: 'Hi {{contact.first_name}}' } });
    expect(unfilled.status).toBe(400);
  });
});

describe('workspace isolation', () => {
  it('never shows a workspace’s visitors to operators of another', async () => {
    const opB = track(operatorClient(s.wsUrl, tokenB));
    await opB.waitFor('welcome');
    opB.client.sendVolatile({ type: 'visitors', follow: true });
    await opB.waitFor('visitors', (f) => f.snapshot);
    const a = await visitorOn(s.websiteKey, 'https://shop.example/secret', 'Secret page');
    const b = await visitorOn(websiteKeyB, 'https://b.example/', 'B home');
    await eventually(() => listOf(opB).has(b.visitorId), 'B’s own visitor');
    // An operator of A sees A's visitor move; B's console, following all along, got none of it.
    const opA = track(operatorClient(s.wsUrl, token));
    await opA.waitFor('welcome');
    opA.client.sendVolatile({ type: 'visitors', follow: true });
    await opA.waitFor('visitors', (f) => f.snapshot);
    a.c.client.sendVolatile({ type: 'page', url: 'https://shop.example/secret-2', title: 'Secret 2' });
    b.c.client.sendVolatile({ type: 'page', url: 'https://b.example/next', title: 'B next' });
    await eventually(() => listOf(opA).get(a.visitorId)?.pageTitle === 'Secret 2', 'A’s visitor moving, seen in A');
    await eventually(() => listOf(opB).get(b.visitorId)?.pageTitle === 'B next', 'B’s visitor moving, seen in B');
    expect(listOf(opA).has(b.visitorId)).toBe(false);
    const seen = opB.frames.filter((f): f is Extract<ServerFrame, { type: 'visitors' }> => f.type === 'visitors');
    expect(JSON.stringify(seen)).not.toContain(a.visitorId);
    expect(JSON.stringify(seen)).not.toContain('Secret');
    for (const [method, path, body] of [
      ['GET', `/api/v1/visitors/${a.visitorId}`],
      ['GET', `/api/v1/visitors/${a.visitorId}/pages`],
      ['POST', `/api/v1/visitors/${a.visitorId}/conversations`, { body: 'Hi' }],
    ] as const) {
      expect((await api(s.url, path, { token: tokenB, method, ...(body ? { body } : {}) })).status, `${method} ${path}`).toBe(404);
    }
  });

  it('refuses the feed to visitors', async () => {
    const v = await visitorOn(s.websiteKey, 'https://shop.example/', 'Home');
    v.c.client.sendVolatile({ type: 'visitors', follow: true });
    const err = await v.c.waitFor('error', (f) => f.code === 'forbidden');
    expect(err.message).toContain('Only operators');
    expect(v.c.frames.some((f) => f.type === 'visitors')).toBe(false);
  });
});
