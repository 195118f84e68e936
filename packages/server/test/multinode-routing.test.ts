/**
 * The waiting queue across two server processes on one PostgreSQL and one
 * Redis: 200 visitors write at once, on both nodes, to a team of 10 operators
 * of capacity 3 (least busy). Exactly 30 are assigned, nobody over capacity,
 * the 170 others wait with distinct positions, each visitor told theirs; as
 * operators resolve, the queue drains urgent first, then by waiting time.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { spawnServer, type ServerProcess } from '../../../test/support/process.js';
import { api, login } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, hasRedis, PG_URL, REDIS_URL, uniqueName } from '../../../test/support/services.js';

const VISITORS = 200;
const OPERATORS = 10;
const CAPACITY = 3;

describe.runIf(hasPostgres && hasRedis)('the waiting queue on two nodes', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let drop: () => Promise<void>;
  let db: pg.Client;
  const clients: TestClient[] = [];
  const password = 'multinode-routing-password';

  beforeAll(async () => {
    const schema = await createPgSchema();
    drop = schema.drop;
    const env = {
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: schema.schema,
      REDIS_URL,
      REDIS_PREFIX: `${uniqueName('mnr')}:`,
      SWITCHBOARD_ADMIN_PASSWORD: password,
      DATA_DIR: `/tmp/${schema.schema}`,
      WIDGET_SESSION_RATE_LIMIT: '100000',
      WS_CONNECT_RATE_LIMIT: '100000',
    };
    a = await spawnServer(env);
    b = await spawnServer(env);
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    await db.query(`set search_path to ${schema.schema}`);
  }, 60_000);
  afterAll(async () => {
    for (const c of clients) c.close();
    await db?.end();
    await Promise.all([a?.kill(), b?.kill()]);
    await drop?.();
  });

  const loads = async () =>
    (
      await db.query<{ assignee_id: string; n: string }>(
        `select assignee_id, count(*) n from conversations where assignee_id is not null and status in ('open','pending') group by assignee_id`,
      )
    ).rows.map((r) => Number(r.n));

  it('assigns exactly the capacity, queues the rest with distinct positions, and drains by priority then time', async () => {
    const admin = await login(a.url, { email: 'admin@example.com', password });
    const operators: { id: string; token: string; node: ServerProcess }[] = [];
    for (let i = 0; i < OPERATORS; i++) {
      const email = `op${i}@example.com`;
      const r = await api<{ operator: { id: string } }>(a.url, '/api/v1/operators', { token: admin, body: { email, name: `Operator ${i}`, password } });
      const node = i % 2 ? b : a;
      operators.push({ id: r.body.operator.id, token: await login(node.url, { email, password }), node });
    }
    const team = await api<{ id: string }>(a.url, '/api/v1/teams', { token: admin, body: { name: 'Support', memberIds: operators.map((o) => o.id) } });
    const teamId = team.body.id;
    const inbox = (await api<{ items: { id: string; websiteKey: string }[] }>(a.url, '/api/v1/inboxes', { token: admin })).body.items[0]!;
    await api(a.url, `/api/v1/inboxes/${inbox.id}`, { method: 'PATCH', token: admin, body: { defaultTeamId: teamId } });
    await api(a.url, `/api/v1/teams/${teamId}/routing`, { method: 'PATCH', token: admin, body: { mode: 'least_busy', defaultCapacity: CAPACITY } });
    for (const o of operators) {
      const c = operatorClient(o.node.wsUrl, o.token);
      clients.push(c);
      await c.waitFor('welcome');
    }
    // Both nodes know every operator is online.
    await expect
      .poll(
        async () =>
          (await api<{ items: { status: string }[] }>(b.url, '/api/v1/operators', { token: admin })).body.items.filter((o) => o.status === 'online').length,
      )
      .toBeGreaterThanOrEqual(OPERATORS);
    await expect
      .poll(
        async () =>
          (await api<{ items: { status: string }[] }>(a.url, '/api/v1/operators', { token: admin })).body.items.filter((o) => o.status === 'online').length,
      )
      .toBeGreaterThanOrEqual(OPERATORS);

    // 200 visitors, half on each node, connected first, then all write at once.
    const visitors = await Promise.all(
      Array.from({ length: VISITORS }, async (_, i) => {
        const node = i % 2 ? b : a;
        const v = await newVisitor(node.url, inbox.websiteKey);
        const client = visitorClient(node.wsUrl, inbox.websiteKey, v.visitorToken);
        clients.push(client);
        await client.waitFor('welcome');
        return { client, conversationId: '' };
      }),
    );
    await Promise.all(
      visitors.map(async (v, i) => {
        v.conversationId = (await v.client.client.send({ body: `Visitor ${i}` })).conversationId;
      }),
    );

    const waiting = async () =>
      (await api<{ items: { conversation: { id: string }; position: number }[] }>(a.url, '/api/v1/queue?limit=500', { token: admin })).body.items;
    await expect.poll(async () => (await waiting()).length, { timeout: 30_000 }).toBe(VISITORS - OPERATORS * CAPACITY);
    expect((await loads()).sort()).toEqual(Array(OPERATORS).fill(CAPACITY));
    const queue = await waiting();
    expect(queue.map((q) => q.position)).toEqual(Array.from({ length: VISITORS - OPERATORS * CAPACITY }, (_, i) => i + 1));

    // Each waiting visitor, on either node, is told its own place.
    const byId = new Map(visitors.map((v) => [v.conversationId, v]));
    const lastPosition = (v: (typeof visitors)[0]) =>
      v.client.frames
        .filter((f) => f.type === 'queue' && f.conversationId === v.conversationId)
        .map((f) => (f as { position: number | null }).position)
        .at(-1);
    await expect.poll(() => queue.every((q) => lastPosition(byId.get(q.conversation.id)!) === q.position), { timeout: 30_000 }).toBe(true);

    // Ten of the later ones become urgent: they go first.
    const urgent = queue.slice(-10).map((q) => q.conversation.id);
    for (const id of urgent) await api(b.url, `/api/v1/conversations/${id}/priority`, { method: 'PUT', token: admin, body: { priority: 'urgent' } });
    const expected = [...urgent, ...queue.map((q) => q.conversation.id).filter((id) => !urgent.includes(id))];
    expect((await waiting()).map((q) => q.conversation.id)).toEqual(expected);

    // Operators resolve what they have, a round at a time, on both nodes: the next ones in the queue's order get it.
    let done = 0;
    while (done < expected.length) {
      const held = (
        await db.query<{ id: string; assignee_id: string }>(`select id, assignee_id from conversations where assignee_id is not null and status = 'open'`)
      ).rows;
      await Promise.all(
        held.map((h) => {
          const o = operators.find((x) => x.id === h.assignee_id)!;
          return api(o.node.url, `/api/v1/conversations/${h.id}/status`, { token: o.token, body: { status: 'resolved' } });
        }),
      );
      const next = expected.slice(done, done + OPERATORS * CAPACITY);
      await expect
        .poll(async () => (await db.query(`select id from conversations where assignee_id is not null and status = 'open'`)).rows.map((r) => r.id).sort(), {
          timeout: 30_000,
        })
        .toEqual([...next].sort());
      expect(Math.max(...(await loads()))).toBeLessThanOrEqual(CAPACITY);
      done += next.length;
    }
    expect(await waiting()).toEqual([]);
    // Nobody was given one twice: one assignment line per conversation.
    const lines = await db.query<{ n: string }>(`select count(*) n from messages where kind = 'event' and body like 'Assigned to %'`);
    expect(Number(lines.rows[0]!.n)).toBe(VISITORS);
    // The visitors who waited heard when an operator took theirs.
    const told = (id: string) => byId.get(id)!.client.frames.some((f) => f.type === 'queue' && f.conversationId === id && f.position === null);
    await expect.poll(() => expected.every(told), { timeout: 10_000 }).toBe(true);
  }, 180_000);
});
