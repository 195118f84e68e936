/**
 * The team side of a conversation across two server processes on one
 * PostgreSQL and one Redis: operators on different nodes see each other
 * viewing it, and a note written on one node reaches the other; the visitor
 * gets none of it. A node's viewers go when its connection does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, visitorClient } from '../../../test/support/clients.js';
import { spawnServer, type ServerProcess } from '../../../test/support/process.js';
import { api, login } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, hasRedis, PG_URL, REDIS_URL, uniqueName } from '../../../test/support/services.js';

describe.runIf(hasPostgres && hasRedis)('the team side of a conversation on two nodes', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let drop: () => Promise<void>;
  const password = 'multinode-team-password';

  beforeAll(async () => {
    const pg = await createPgSchema();
    drop = pg.drop;
    const env = {
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: pg.schema,
      REDIS_URL,
      REDIS_PREFIX: `${uniqueName('mnt')}:`,
      SWITCHBOARD_ADMIN_PASSWORD: password,
      DATA_DIR: `/tmp/${pg.schema}`,
    };
    a = await spawnServer(env);
    b = await spawnServer(env);
  });
  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await drop?.();
  });

  it('shows viewers and notes across nodes, and nothing of them to the visitor', async () => {
    const adminOnA = await login(a.url, { email: 'admin@example.com', password });
    await api(a.url, '/api/v1/operators', { token: adminOnA, body: { email: 'bea@example.com', name: 'Bea Bauer', password } });
    const beaOnB = await login(b.url, { email: 'bea@example.com', password });
    const websiteKey = (await api<{ items: { websiteKey: string }[] }>(a.url, '/api/v1/inboxes', { token: adminOnA })).body.items[0]!.websiteKey;

    const v = await newVisitor(a.url, websiteKey);
    const visitor = visitorClient(a.wsUrl, websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');
    const { conversationId } = await visitor.client.send({ body: 'Hello from node A' });
    visitor.client.subscribe(conversationId, 0);
    await visitor.waitFor('synced');

    const admin = operatorClient(a.wsUrl, adminOnA);
    const beaConsole = operatorClient(b.wsUrl, beaOnB);
    for (const c of [admin, beaConsole]) {
      await c.waitFor('welcome');
      c.client.subscribe(conversationId);
      await c.waitFor('synced');
    }
    admin.client.sendVolatile({ type: 'view', conversationId });
    expect((await beaConsole.waitFor('viewers', (f) => f.viewers.length === 1)).viewers).toEqual([expect.objectContaining({ name: 'Admin' })]);
    beaConsole.client.sendVolatile({ type: 'view', conversationId });
    const both = await admin.waitFor('viewers', (f) => f.viewers.length === 2);
    expect(both.viewers.map((x) => x.name)).toEqual(['Admin', 'Bea Bauer']);

    // A note written through node A reaches Bea on node B.
    const note = await api<{ note: { id: string } }>(a.url, `/api/v1/conversations/${conversationId}/notes`, {
      token: adminOnA,
      body: { body: 'Across nodes, @Bea Bauer' },
    });
    expect(note.status).toBe(201);
    expect((await beaConsole.waitFor('note', (f) => f.note.id === note.body.note.id)).note.body).toBe('Across nodes, @Bea Bauer');
    expect(await beaConsole.waitFor('mention', (f) => f.conversationId === conversationId)).toMatchObject({ unseen: 1 });

    // The Admin's console on node A closes: node B hears it at once.
    admin.close();
    await beaConsole.waitFor('viewers', (f) => f.viewers.length === 1 && f.viewers[0]?.name === 'Bea Bauer');

    const reply = await beaConsole.client.send({ conversationId, body: 'marker from node B' });
    expect(reply.seq).toBe(2);
    await visitor.waitFor('message', (f) => f.message.seq === 2);
    expect(visitor.frames.filter((f) => ['note', 'viewers', 'draft', 'mention'].includes(f.type))).toEqual([]);
    expect(JSON.stringify(visitor.frames)).not.toContain('Across nodes');
    visitor.close();
    beaConsole.close();
  });
});
