/**
 * SLA breaches on two nodes sharing one PostgreSQL and one Redis: visitors
 * write on both nodes, some get a reply in time (met), the others' first
 * response targets are made due at once (in the database, while both nodes
 * are down); both nodes start together and race for the breach jobs, and one
 * of them is killed (SIGKILL) mid-way: the other takes over its jobs once
 * their leases run out. Each breach is recorded exactly once, and no met
 * target is breached.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, visitorClient } from '../../../test/support/clients.js';
import { type ServerProcess, spawnServer } from '../../../test/support/process.js';
import { api, login } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, hasRedis, PG_URL, REDIS_URL, uniqueName } from '../../../test/support/services.js';

const COUNT = 60;
const MET = 10;

describe.runIf(hasPostgres && hasRedis)('SLA timers on two nodes', () => {
  let a: ServerProcess | undefined;
  let b: ServerProcess | undefined;
  let drop: () => Promise<void>;
  let db: pg.Client;
  let env: Record<string, string>;
  const password = 'multinode-sla-password';

  beforeAll(async () => {
    const schema = await createPgSchema();
    drop = schema.drop;
    env = {
      DATABASE_URL: PG_URL,
      DATABASE_SCHEMA: schema.schema,
      REDIS_URL,
      REDIS_PREFIX: `${uniqueName('sla')}:`,
      SWITCHBOARD_ADMIN_PASSWORD: password,
      DATA_DIR: `/tmp/${schema.schema}`,
      WIDGET_SESSION_RATE_LIMIT: '100000',
      WS_CONNECT_RATE_LIMIT: '100000',
      JOB_LEASE_SECONDS: '2',
      JOB_CONCURRENCY: '2',
    };
    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    await db.query(`set search_path to ${schema.schema}`);
  }, 60_000);
  afterAll(async () => {
    await db?.end();
    await Promise.all([a?.kill(), b?.kill()]);
    await drop?.();
  });

  const count = async (q: string) => Number((await db.query<{ n: string }>(q)).rows[0]!.n);
  async function until(cond: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await cond())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${a?.output()}\n${b?.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('records each breach once while the nodes race and one of them dies', async () => {
    const token = await login(a!.url, { email: 'admin@example.com', password });
    const inbox = (await api<{ items: { id: string; websiteKey: string }[] }>(a!.url, '/api/v1/inboxes', { token })).body.items[0]!;
    const policy = await api<{ id: string }>(a!.url, '/api/v1/sla-policies', { token, body: { name: 'Fast', firstResponseSeconds: 600 } });
    await api(a!.url, `/api/v1/inboxes/${inbox.id}/sla-policy`, { method: 'PUT', token, body: { policyId: policy.body.id } });

    const ids: string[] = [];
    for (let i = 0; i < COUNT; i++) {
      const node = i % 2 ? b! : a!;
      const v = await newVisitor(node.url, inbox.websiteKey);
      const c = visitorClient(node.wsUrl, inbox.websiteKey, v.visitorToken);
      await c.waitFor('welcome');
      ids.push((await c.client.send({ body: `Hello ${i}` })).conversationId);
      c.close();
    }
    await until(async () => (await count("select count(*) n from jobs where kind = 'sla.breach' and status = 'pending'")) === COUNT, 'every timer');
    // Replies in time, on the other node than the visitor's.
    const bToken = await login(b!.url, { email: 'admin@example.com', password });
    for (const id of ids.slice(0, MET)) await api(b!.url, `/api/v1/conversations/${id}/messages`, { token: bToken, body: { body: 'Hi!' } });
    await until(async () => (await count("select count(*) n from sla_events where outcome = 'met'")) === MET, 'the met targets');

    await Promise.all([a!.kill(), b!.kill()]);
    const now = Date.now();
    await db.query('update sla_timers set due_at = $1, warn_at = null where stopped_at is null', [now - 1000]);
    await db.query(`update jobs set run_at = $1 where kind = 'sla.breach' and status = 'pending'`, [now - 1000]);
    await db.query(`update jobs set status = 'cancelled' where kind = 'sla.warning' and status = 'pending'`);

    [a, b] = await Promise.all([spawnServer(env), spawnServer(env)]);
    await until(async () => (await count("select count(*) n from sla_events where outcome = 'breached'")) > 0, 'the first breaches');
    await a.kill('SIGKILL');
    await until(
      async () => (await count("select count(*) n from jobs where kind = 'sla.breach' and status = 'done'")) === COUNT - MET,
      'every breach job to be done',
    );

    const rows = (
      await db.query<{ conversation_id: string; n: string }>(
        "select conversation_id, count(*) n from sla_events where outcome = 'breached' group by conversation_id",
      )
    ).rows;
    expect(rows.map((r) => Number(r.n))).toEqual(ids.slice(MET).map(() => 1));
    expect(new Set(rows.map((r) => r.conversation_id))).toEqual(new Set(ids.slice(MET)));
    expect(await count('select count(*) n from conversations where sla_breached_at is not null')).toBe(COUNT - MET);
  }, 120_000);
});
