/**
 * Scale-out: two server processes on one PostgreSQL and one Redis. A visitor on
 * node A and an operator on node B chat both ways, with typing and read state;
 * signing out on one node ends the session's connections on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../../../test/support/process.js';
import { api, login } from '../../../test/support/server.js';
import { CLOSE_CODES, PROTOCOL_VERSION } from '@switchboard/protocol';
import { newVisitor, operatorClient, rawClient, visitorClient } from '../../../test/support/clients.js';
import { createPgSchema, hasPostgres, hasRedis, PG_URL, REDIS_URL, uniqueName } from '../../../test/support/services.js';

describe.runIf(hasPostgres && hasRedis)('two nodes on PostgreSQL and Redis', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let drop: () => Promise<void>;
  const password = 'multinode-password';

  beforeAll(async () => {
    const pg = await createPgSchema();
    drop = pg.drop;
    const env = {
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: pg.schema,
      REDIS_URL,
      REDIS_PREFIX: `${uniqueName('mn')}:`,
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

  it('chats across nodes in both directions with typing, read receipts and presence', async () => {
    const tokenOnB = await login(b.url, { email: 'admin@example.com', password });
    const inboxes = await api<{ items: { websiteKey: string }[] }>(b.url, '/api/v1/inboxes', { token: tokenOnB });
    expect(inboxes.body.items.length).toBe(1);
    const websiteKey = inboxes.body.items[0]?.websiteKey as string;

    const operator = operatorClient(b.wsUrl, tokenOnB);
    await operator.waitFor('welcome');
    const v = await newVisitor(a.url, websiteKey);
    const visitor = visitorClient(a.wsUrl, websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');

    // Visitor on A -> operator on B (inbox update crosses nodes).
    const ack = await visitor.client.send({ body: 'Hello from node A' });
    const seen = await operator.waitFor('conversation', (f) => f.conversation.id === ack.conversationId);
    expect(seen.conversation.lastMessage?.preview).toBe('Hello from node A');
    visitor.client.subscribe(ack.conversationId, 0);
    operator.client.subscribe(ack.conversationId);
    await visitor.waitFor('synced');
    await operator.waitFor('synced');

    // Operator on B -> visitor on A.
    const reply = await operator.client.send({ conversationId: ack.conversationId, body: 'Hello from node B' });
    expect(reply.seq).toBe(2);
    expect((await visitor.waitFor('message', (f) => f.message.seq === 2)).message.body).toBe('Hello from node B');

    // Live messages after the sync cross too.
    await visitor.client.send({ conversationId: ack.conversationId, body: 'Thanks!' });
    expect((await operator.waitFor('message', (f) => f.message.seq === 3)).message.body).toBe('Thanks!');

    // Typing both ways.
    visitor.client.sendVolatile({ type: 'typing', conversationId: ack.conversationId, typing: true });
    expect(await operator.waitFor('typing', (f) => f.author.kind === 'visitor')).toMatchObject({ typing: true });
    operator.client.sendVolatile({ type: 'typing', conversationId: ack.conversationId, typing: true });
    expect(await visitor.waitFor('typing', (f) => f.author.kind === 'operator')).toMatchObject({ typing: true });

    // Read state both ways.
    operator.client.sendVolatile({ type: 'read', conversationId: ack.conversationId, seq: 3 });
    expect(await visitor.waitFor('read', (f) => f.reader === 'operator')).toMatchObject({ seq: 3 });
    visitor.client.sendVolatile({ type: 'read', conversationId: ack.conversationId, seq: 2 });
    expect(await operator.waitFor('read', (f) => f.reader === 'visitor')).toMatchObject({ seq: 2 });

    // Presence is known on the other node.
    const tokenOnA = await login(a.url, { email: 'admin@example.com', password });
    const ops = await api<{ items: { status: string }[] }>(a.url, '/api/v1/operators', { token: tokenOnA });
    expect(ops.body.items[0]?.status).toBe('online');

    expect(visitor.messages(ack.conversationId).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(operator.messages(ack.conversationId).map((m) => m.seq)).toEqual([1, 2, 3]);
    visitor.close();
    operator.close();
  });

  it('ends the connection on node B of a session signed out on node A', async () => {
    const token = await login(a.url, { email: 'admin@example.com', password });
    const onB = await rawClient(b.wsUrl);
    onB.send({ type: 'hello', v: PROTOCOL_VERSION, auth: { kind: 'operator', token } });
    await onB.next('welcome');
    expect((await api(a.url, '/api/v1/auth/logout', { method: 'POST', token })).status).toBe(204);
    expect(await onB.closed).toEqual({ code: CLOSE_CODES.unauthorized, reason: 'unauthorized' });
    expect(onB.frames.find((f) => f.type === 'refused')).toMatchObject({ reason: 'unauthorized', message: 'You signed out' });
  });
});
