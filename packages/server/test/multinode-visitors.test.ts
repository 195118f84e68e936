/**
 * Visitors across two real server processes on one PostgreSQL and one Redis:
 * a visitor connected to node A shows on the Visitors feed of a console on
 * node B as they arrive, move and leave; Start chat on node B reaches the
 * visitor's widget on node A, and their answer reaches the operator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PackedVisitor, unpackVisitor } from '@switchboard/protocol';
import { spawnServer, type ServerProcess } from '../../../test/support/process.js';
import { api, login } from '../../../test/support/server.js';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { createPgSchema, hasPostgres, hasRedis, PG_URL, REDIS_URL, uniqueName } from '../../../test/support/services.js';

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

async function eventually(cond: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.runIf(hasPostgres && hasRedis)('visitors across two nodes on PostgreSQL and Redis', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let drop: () => Promise<void>;
  const password = 'multinode-visitors-password';
  const clients: TestClient[] = [];

  beforeAll(async () => {
    const pg = await createPgSchema();
    drop = pg.drop;
    const env = {
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: pg.schema,
      REDIS_URL,
      REDIS_PREFIX: `${uniqueName('mv')}:`,
      SWITCHBOARD_ADMIN_PASSWORD: password,
      DATA_DIR: `/tmp/${pg.schema}`,
    };
    a = await spawnServer(env);
    b = await spawnServer(env);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await Promise.all([a?.kill(), b?.kill()]);
    await drop?.();
  });

  it('shows a visitor on node A arriving, moving and leaving to a console on node B, and starts a chat across nodes', async () => {
    const token = await login(b.url, { email: 'admin@example.com', password });
    const websiteKey = (await api<{ items: { websiteKey: string }[] }>(b.url, '/api/v1/inboxes', { token })).body.items[0]!.websiteKey;
    const op = operatorClient(b.wsUrl, token);
    clients.push(op);
    await op.waitFor('welcome');
    op.client.sendVolatile({ type: 'visitors', follow: true });
    await op.waitFor('visitors', (f) => f.snapshot);

    const v = await newVisitor(a.url, websiteKey);
    const visitor = visitorClient(a.wsUrl, websiteKey, v.visitorToken);
    clients.push(visitor);
    await visitor.waitFor('welcome');
    visitor.client.sendVolatile({ type: 'page', url: 'https://shop.example/tents', title: 'Tents', referrer: 'https://www.google.com/' });
    await eventually(() => listOf(op).get(v.visitorId)?.pageTitle === 'Tents', 'the arrival on node B');
    visitor.client.sendVolatile({ type: 'page', url: 'https://shop.example/cart', title: 'Cart' });
    await eventually(() => listOf(op).get(v.visitorId)?.pageTitle === 'Cart', 'the move on node B');

    // Start chat on node B: the widget on node A is told, and the answer comes back.
    const r = await api<{ conversation: { id: string } }>(b.url, `/api/v1/visitors/${v.visitorId}/conversations`, {
      token,
      body: { body: 'Hello from node B! Need help with your cart?' },
    });
    expect(r.status).toBe(201);
    const conversationId = r.body.conversation.id;
    await visitor.waitFor('invite', (f) => f.conversationId === conversationId);
    visitor.client.subscribe(conversationId, 0);
    await visitor.waitFor('message', (f) => f.message.body === 'Hello from node B! Need help with your cart?');
    await eventually(() => listOf(op).get(v.visitorId)?.chatting === true, 'chatting on node B');
    op.client.subscribe(conversationId);
    await op.waitFor('synced', (f) => f.conversationId === conversationId);
    await visitor.client.send({ conversationId, body: 'Yes please.' });
    await op.waitFor('message', (f) => f.message.body === 'Yes please.');

    visitor.close();
    await eventually(() => !listOf(op).has(v.visitorId), 'the departure on node B');
    const details = await api<{ online: boolean; visitCount: number }>(b.url, `/api/v1/visitors/${v.visitorId}`, { token });
    expect(details.body).toMatchObject({ online: false, visitCount: 1 });
  });
});
