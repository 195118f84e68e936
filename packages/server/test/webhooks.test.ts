/**
 * Webhooks and agent bots end to end on one node (SQLite, the one clock moved
 * by hand), against a real HTTP target in this process: every delivery is
 * checked with the `standardwebhooks` library; a target that fails twice gets
 * the event on the third try; a target on 127.0.0.1 is refused when private
 * targets are not allowed, and the log says why; a bot receives the visitor's
 * message, answers, hands over, and the conversation is routed to a person.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ConversationSummary } from '@switchboard/protocol';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, PG_URL } from '../../../test/support/services.js';
import { ManualClock } from '../src/clock.js';
import { DELIVER } from '../src/webhook/deliver.js';
import { DELIVERIES_KEPT } from '../src/webhook/webhook.js';
import { trimLog } from '../src/webhook/webhook.repository.js';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}
interface Delivery {
  id: string;
  eventType: string;
  state: string;
  attempts: number;
  nextAttemptAt: number | null;
  log: { attempt: number; statusCode: number | null; responseBody: string | null; error: string | null; durationMs: number }[];
}

const clock = new ManualClock(Date.now());
let s: TestServer;
let admin: string;
let target: Server;
let targetUrl: string;
const received: Received[] = [];
/** Status codes to answer, in turn, per path (then 200). */
const answers = new Map<string, number[]>();
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  admin = await login(s.url);
  target = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body });
      const status = answers.get(path)?.shift() ?? 200;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? `thanks for ${path}` : `broken ${status}`);
    });
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
  // The target is on this machine: an admin allows private targets (the refusal test turns it off again).
  expect((await api(s.url, '/api/v1/webhook-settings', { method: 'PUT', token: admin, body: { allowPrivateTargets: true } })).status).toBe(200);
});
afterAll(async () => {
  for (const c of open) c.close();
  await s.close();
  await new Promise<void>((r) => target.close(() => r()));
});

async function untilAsync(cond: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setImmediate(r));
  }
}

/**
 * Runs due jobs until `n` requests reached the path (deliveries are scheduled just after the change commits), then
 * until no delivery is still running: the target sees the request before the attempt is recorded, and the server's
 * own polling loop may be the one running it.
 */
async function delivered(path: string, n: number, server = s): Promise<Received[]> {
  await untilAsync(async () => {
    await server.app.ctx.jobs.runDue();
    return received.filter((r) => r.path === path).length >= n;
  }, `${n} deliveries to ${path}`);
  await untilAsync(async () => {
    const running = await server.app.ctx.db
      .selectFrom('jobs')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('kind', '=', DELIVER)
      .where('status', '=', 'running')
      .executeTakeFirstOrThrow();
    return Number(running.n) === 0;
  }, `the deliveries to ${path} to be recorded`);
  return received.filter((r) => r.path === path);
}

/** Verifies with the library as a receiver would, at the time the request was signed (the clock here is moved by hand). */
function verify(secret: string, r: Received): { type: string; timestamp: string; data: Record<string, unknown> } {
  const headers = {
    'webhook-id': String(r.headers['webhook-id']),
    'webhook-timestamp': String(r.headers['webhook-timestamp']),
    'webhook-signature': String(r.headers['webhook-signature']),
  };
  vi.useFakeTimers({ toFake: ['Date'], now: Number(headers['webhook-timestamp']) * 1000 });
  try {
    return new Webhook(secret).verify(r.body, headers) as { type: string; timestamp: string; data: Record<string, unknown> };
  } finally {
    vi.useRealTimers();
  }
}

async function addEndpoint(path: string, eventTypes: string[]): Promise<{ id: string; secret: string }> {
  const r = await api<{ endpoint: { id: string }; secret: string }>(s.url, '/api/v1/webhooks', {
    token: admin,
    body: { url: `${targetUrl}${path}`, description: path, eventTypes },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return { id: r.body.endpoint.id, secret: r.body.secret };
}

const log = async (endpointId: string) => (await api<{ items: Delivery[] }>(s.url, `/api/v1/webhooks/${endpointId}/deliveries`, { token: admin })).body.items;

async function visitorWrites(body: string): Promise<{ client: TestClient; conversationId: string }> {
  const v = await newVisitor(s.url, s.websiteKey);
  const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  open.push(client);
  await client.waitFor('welcome');
  const { conversationId } = await client.client.send({ body });
  return { client, conversationId };
}

describe('webhooks', () => {
  it('signs every delivery as Standard Webhooks says: the library verifies it, and a wrong secret does not', async () => {
    const ep = await addEndpoint('/all', ['conversation.created', 'message.created', 'conversation.status_changed']);
    expect(ep.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    // The secret is shown once: the list does not have it.
    const listed = await api<{ items: Record<string, unknown>[] }>(s.url, '/api/v1/webhooks', { token: admin });
    expect(JSON.stringify(listed.body)).not.toContain(ep.secret);

    const { conversationId } = await visitorWrites('Where is my parcel?');
    const got = await delivered('/all', 2);
    const events = got.map((r) => verify(ep.secret, r));
    expect(events.map((e) => e.type).sort()).toEqual(['conversation.created', 'message.created']);
    const message = events.find((e) => e.type === 'message.created')!;
    expect(message.data.message).toMatchObject({ conversationId, body: 'Where is my parcel?', author: { kind: 'visitor' } });
    expect(new Date(message.timestamp).getTime()).toBeGreaterThan(0);
    // Same webhook-id as the log's delivery id; another secret fails.
    expect(got[0]!.headers['webhook-id']).toMatch(/^msg_/);
    expect(() => verify(`whsec_${Buffer.from('not the secret at all!!').toString('base64')}`, got[0]!)).toThrow();
    expect(() => verify(ep.secret, { ...got[0]!, body: got[0]!.body.replace('parcel', 'parcels') })).toThrow();

    // Status changes go to endpoints that asked for them.
    await api(s.url, `/api/v1/conversations/${conversationId}/status`, { token: admin, body: { status: 'resolved' } });
    const status = verify(ep.secret, (await delivered('/all', 3))[2]!);
    expect(status).toMatchObject({ type: 'conversation.status_changed', data: { status: 'resolved' } });
    const items = await log(ep.id);
    expect(items).toHaveLength(3);
    expect(items.every((d) => d.state === 'succeeded' && d.attempts === 1 && d.log[0]!.statusCode === 200)).toBe(true);
    expect(items[0]!.log[0]!.responseBody).toBe('thanks for /all');
    await api(s.url, `/api/v1/webhooks/${ep.id}`, { method: 'PATCH', token: admin, body: { enabled: false } });
  });

  it('retries a target that answers 500: the third try, 5 s and 5 min later, gets the event', async () => {
    const ep = await addEndpoint('/flaky', ['contact.created']);
    answers.set('/flaky', [500, 500]);
    const contact = await api<{ id: string }>(s.url, '/api/v1/contacts', { token: admin, body: { name: 'Rosa Retry', email: 'rosa@example.com' } });
    expect(contact.status).toBe(201);

    await delivered('/flaky', 1);
    let [d] = await log(ep.id);
    expect(d).toMatchObject({ eventType: 'contact.created', state: 'pending', attempts: 1 });
    expect(d!.log[0]).toMatchObject({ attempt: 1, statusCode: 500, responseBody: 'broken 500', error: 'The endpoint answered 500' });
    expect(d!.nextAttemptAt).toBe(clock.now() + 5_000);

    // Not before its time.
    await clock.advance(4_000);
    await s.app.ctx.jobs.runDue();
    expect(received.filter((r) => r.path === '/flaky')).toHaveLength(1);
    await clock.advance(1_000);
    await delivered('/flaky', 2);
    [d] = await log(ep.id);
    expect(d).toMatchObject({ state: 'pending', attempts: 2 });
    expect(d!.nextAttemptAt).toBe(clock.now() + 5 * 60_000);

    await clock.advance(5 * 60_000);
    const got = await delivered('/flaky', 3);
    const third = verify(ep.secret, got[2]!);
    expect(third).toMatchObject({ type: 'contact.created', data: { contact: { id: contact.body.id, name: 'Rosa Retry' } } });
    // One event, one id, three tries.
    expect(new Set(got.map((r) => r.headers['webhook-id'])).size).toBe(1);
    [d] = await log(ep.id);
    expect(d).toMatchObject({ state: 'succeeded', attempts: 3, nextAttemptAt: null });
    expect(d!.log.map((a) => a.statusCode)).toEqual([200, 500, 500]);
    // Nothing more comes.
    await clock.advance(3 * 3600_000);
    await s.app.ctx.jobs.runDue();
    expect(received.filter((r) => r.path === '/flaky')).toHaveLength(3);
    await api(s.url, `/api/v1/webhooks/${ep.id}`, { method: 'DELETE', token: admin });
  });

  it('refuses a target on 127.0.0.1 (by name too) unless an admin allows private targets; the log says why, and resend sends it', async () => {
    expect((await api(s.url, '/api/v1/webhook-settings', { method: 'PUT', token: admin, body: { allowPrivateTargets: false } })).status).toBe(200);
    const port = (target.address() as AddressInfo).port;
    const r = await api<{ endpoint: { id: string }; secret: string }>(s.url, '/api/v1/webhooks', {
      token: admin,
      body: { url: `http://localhost:${port}/private`, eventTypes: ['contact.created'] },
    });
    expect(r.status).toBe(201);
    const id = r.body.endpoint.id;
    await api(s.url, '/api/v1/contacts', { token: admin, body: { name: 'Pia Private' } });
    await untilAsync(async () => {
      await s.app.ctx.jobs.runDue();
      return (await log(id))[0]?.attempts === 1;
    }, 'the refused attempt');
    const [d] = await log(id);
    expect(d!.log[0]!.statusCode).toBeNull();
    expect(d!.log[0]!.error).toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address; private targets are not allowed/);
    expect(received.filter((x) => x.path === '/private')).toHaveLength(0);

    // Only owners and admins may allow them; then Resend reaches the target with the same webhook-id.
    const allow = await api(s.url, '/api/v1/webhook-settings', { method: 'PUT', token: admin, body: { allowPrivateTargets: true } });
    expect(allow.body).toEqual({ allowPrivateTargets: true });
    const resend = await api(s.url, `/api/v1/webhooks/${id}/deliveries/${d!.id}/resend`, { token: admin, body: {} });
    expect(resend.status).toBe(202);
    const [sent] = await delivered('/private', 1);
    expect(sent!.headers['webhook-id']).toBe(d!.id);
    expect(verify(r.body.secret, sent!).type).toBe('contact.created');
    await untilAsync(async () => (await log(id))[0]?.state === 'succeeded', 'the resent delivery to succeed');
    await api(s.url, `/api/v1/webhooks/${id}`, { method: 'DELETE', token: admin });
  });

  it('rotates a secret: deliveries are signed with the new one only', async () => {
    const ep = await addEndpoint('/rotate', ['contact.updated']);
    const rotated = await api<{ secret: string }>(s.url, `/api/v1/webhooks/${ep.id}/secret`, { token: admin, body: {} });
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).not.toBe(ep.secret);
    const c = await api<{ id: string }>(s.url, '/api/v1/contacts', { token: admin, body: { name: 'Rob Rotate' } });
    await api(s.url, `/api/v1/contacts/${c.body.id}`, { method: 'PATCH', token: admin, body: { name: 'Robin Rotate' } });
    const [got] = await delivered('/rotate', 1);
    expect(verify(rotated.body.secret, got!)).toMatchObject({ type: 'contact.updated', data: { contact: { name: 'Robin Rotate' } } });
    expect(() => verify(ep.secret, got!)).toThrow();
    await api(s.url, `/api/v1/webhooks/${ep.id}`, { method: 'DELETE', token: admin });
  });
  it('stops retrying an endpoint turned off, and keeps its delivery log bounded', async () => {
    const ep = await addEndpoint('/off', ['contact.created']);
    answers.set('/off', [500, 500]);
    await api(s.url, '/api/v1/contacts', { token: admin, body: { name: 'Otto Off' } });
    await delivered('/off', 1);
    await api(s.url, `/api/v1/webhooks/${ep.id}`, { method: 'PATCH', token: admin, body: { enabled: false } });
    await clock.advance(5_000);
    await untilAsync(async () => {
      await s.app.ctx.jobs.runDue();
      return (await log(ep.id))[0]?.attempts === 2;
    }, 'the second attempt');
    const [d] = await log(ep.id);
    expect(d).toMatchObject({ state: 'failed', attempts: 2, nextAttemptAt: null });
    expect(d!.log[0]!.error).toBe('The endpoint is turned off');
    expect(received.filter((r) => r.path === '/off')).toHaveLength(1);

    // However many events, the log keeps the latest deliveries (and attempts) only.
    const db = s.app.ctx.db;
    const base = clock.now();
    for (let i = 0; i < DELIVERIES_KEPT + 5; i++) {
      const id = `bulk${String(i).padStart(4, '0')}`;
      await db
        .insertInto('webhook_deliveries')
        .values({
          id,
          workspace_id: 'w',
          endpoint_id: ep.id,
          event_type: 'contact.created',
          payload: '{}',
          state: 'succeeded',
          attempts: 1,
          next_attempt_at: null,
          created_at: base + i + 1,
          updated_at: base,
        })
        .execute();
      await db
        .insertInto('webhook_attempts')
        .values({
          id: `a${id}`,
          delivery_id: id,
          endpoint_id: ep.id,
          attempt: 1,
          at: base + i + 1,
          status_code: 200,
          response_body: 'ok',
          duration_ms: 1,
          error: null,
        })
        .execute();
    }
    await trimLog(db, ep.id);
    const count = async (table: 'webhook_deliveries' | 'webhook_attempts') =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .where('endpoint_id', '=', ep.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('webhook_deliveries')).toBe(DELIVERIES_KEPT);
    expect(await count('webhook_attempts')).toBe(DELIVERIES_KEPT);
    expect((await log(ep.id))[0]!.id).toBe(`msg_bulk${String(DELIVERIES_KEPT + 4).padStart(4, '0')}`);
    await api(s.url, `/api/v1/webhooks/${ep.id}`, { method: 'DELETE', token: admin });
  });

  it('tells of an assignment and of the visitor’s rating', async () => {
    const ep = await addEndpoint('/assigned-rated', ['conversation.assigned', 'rating.submitted']);
    const me = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token: admin })).body;
    const v = await newVisitor(s.url, s.websiteKey);
    const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    open.push(client);
    await client.waitFor('welcome');
    const { conversationId } = await client.client.send({ body: 'Rate me later' });
    expect((await api(s.url, `/api/v1/conversations/${conversationId}/assign`, { token: admin, body: { operatorId: me.id } })).status).toBe(200);
    const asVisitor = { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey };
    expect((await api(s.url, `/api/v1/widget/conversations/${conversationId}/end`, { body: {}, headers: asVisitor })).status).toBe(200);
    const rated = await api(s.url, `/api/v1/widget/conversations/${conversationId}/rating`, {
      method: 'PUT',
      body: { rating: 5, comment: 'Quick' },
      headers: asVisitor,
    });
    expect(rated.status, JSON.stringify(rated.body)).toBe(200);
    const got = (await delivered('/assigned-rated', 2)).map((r) => verify(ep.secret, r));
    expect(got.find((e) => e.type === 'conversation.assigned')).toMatchObject({ data: { conversation: { id: conversationId }, assignee: { id: me.id } } });
    expect(got.find((e) => e.type === 'rating.submitted')).toMatchObject({ data: { conversation: { id: conversationId }, rating: 5, comment: 'Quick' } });
    await api(s.url, `/api/v1/webhooks/${ep.id}`, { method: 'DELETE', token: admin });
  });

  it('tells of a contact made from a visitor who says who they are', async () => {
    const ep = await addEndpoint('/visitor-contact', ['contact.created']);
    const v = await newVisitor(s.url, s.websiteKey);
    const r = await api(s.url, '/api/v1/widget/identify', {
      body: { name: 'Maya Visitor', email: 'maya@example.com' },
      headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const [got] = await delivered('/visitor-contact', 1);
    expect(verify(ep.secret, got!)).toMatchObject({ type: 'contact.created', data: { contact: { name: 'Maya Visitor', email: 'maya@example.com' } } });
    await api(s.url, `/api/v1/webhooks/${ep.id}`, { method: 'DELETE', token: admin });
  });
});

describe('agent bot', () => {
  it('receives the visitor’s message, answers as the bot, hands over, and routing gives the conversation to a person', async () => {
    // A team that hands out by itself, with one operator online.
    const password = 'lantern-orchard-basalt';
    const op = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
      token: admin,
      body: { email: 'olga@example.com', name: 'Olga Online', password },
    });
    const opToken = await login(s.url, { email: 'olga@example.com', password });
    const opConsole = operatorClient(s.wsUrl, opToken);
    open.push(opConsole);
    await opConsole.waitFor('welcome');
    const team = await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Front desk', memberIds: [op.body.operator.id] } });
    const inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { defaultTeamId: team.body.id } });
    await api(s.url, `/api/v1/teams/${team.body.id}/routing`, { method: 'PATCH', token: admin, body: { mode: 'round_robin', defaultCapacity: 3 } });

    const created = await api<{ bot: { id: string; name: string }; token: string; secret: string }>(s.url, '/api/v1/bots', {
      token: admin,
      body: { inboxId, name: 'Parcel Bot', webhookUrl: `${targetUrl}/bot` },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const { token, secret } = created.body;
    expect(token).toMatch(/^sbb_/);
    expect(secret).toMatch(/^whsec_/);
    expect((await api(s.url, '/api/v1/bots', { token: admin, body: { inboxId, name: 'Second', webhookUrl: `${targetUrl}/bot2` } })).status).toBe(409);

    const visitor = await visitorWrites('Has my parcel left?');
    const id = visitor.conversationId;
    visitor.client.client.subscribe(id, 0);
    const got = (await delivered('/bot', 2)).map((r) => verify(secret, r));
    expect(got.map((e) => e.type).sort()).toEqual(['conversation.created', 'message.created']);
    expect(got.find((e) => e.type === 'message.created')!.data.message).toMatchObject({ body: 'Has my parcel left?', author: { kind: 'visitor' } });
    // While the bot handles it, routing leaves it alone: no assignee, not in the queue.
    const before = (await api<ConversationSummary>(s.url, `/api/v1/conversations/${id}`, { token: admin })).body;
    expect(before).toMatchObject({ assigneeId: null, queuedAt: null });

    // The bot answers with its token; the visitor sees a bot's message with its name.
    const bot = (path: string, body: unknown, t = token) =>
      api<{ message?: { id: string }; conversation?: ConversationSummary }>(s.url, path, { token: t, body });
    expect((await bot(`/api/v1/bot/conversations/${id}/messages`, { body: 'It left this morning.' }, 'sbb_wrong')).status).toBe(401);
    expect((await bot(`/api/v1/bot/conversations/${id}/messages`, { body: 'It left this morning.' }, admin)).status).toBe(401);
    const reply = await bot(`/api/v1/bot/conversations/${id}/messages`, { body: 'It left this morning.', clientId: 'bot-1' });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const seen = await visitor.client.waitFor('message', (f) => f.message.body === 'It left this morning.');
    expect(seen.message.author).toEqual({ kind: 'bot', id: created.body.bot.id, name: 'Parcel Bot' });
    // A bot offers quick replies (E2; its text is the question, which it cannot leave out).
    const offer = { type: 'quick_replies', options: ['Track it', 'Talk to someone'] };
    const quick = await bot(`/api/v1/bot/conversations/${id}/messages`, { body: 'Track it or talk to someone?', rich: offer });
    expect(quick.status, JSON.stringify(quick.body)).toBe(201);
    const offered = await visitor.client.waitFor('message', (f) => f.message.id === quick.body.message?.id);
    expect(offered.message.rich).toMatchObject({
      type: 'quick_replies',
      options: [
        { id: 'o1', label: 'Track it' },
        { id: 'o2', label: 'Talk to someone' },
      ],
    });
    expect((await bot(`/api/v1/bot/conversations/${id}/messages`, { body: '', rich: offer })).status).toBe(400);
    // Its own messages do not come back to it; the visitor's next one does.
    await visitor.client.client.send({ conversationId: id, body: 'I want to talk to a person' });
    const third = verify(secret, (await delivered('/bot', 3))[2]!);
    expect(third.data.message).toMatchObject({ body: 'I want to talk to a person' });

    const handover = await bot(`/api/v1/bot/conversations/${id}/handover`, {});
    expect(handover.status, JSON.stringify(handover.body)).toBe(200);
    await untilAsync(
      async () => (await api<ConversationSummary>(s.url, `/api/v1/conversations/${id}`, { token: admin })).body.assigneeId === op.body.operator.id,
      'routing',
    );
    // Once handed over, the bot can no longer write there, nor hears of the visitor.
    expect((await bot(`/api/v1/bot/conversations/${id}/messages`, { body: 'Still here' })).status).toBe(409);
    await visitor.client.client.send({ conversationId: id, body: 'Hello Olga' });
    await visitor.client.waitFor('message', (f) => f.message.body === 'Hello Olga');
    await s.app.ctx.jobs.runDue();
    expect(received.filter((r) => r.path === '/bot')).toHaveLength(3);
    // Admins read what the bot was sent.
    const botLog = await api<{ items: Delivery[] }>(s.url, `/api/v1/bots/${created.body.bot.id}/deliveries`, { token: admin });
    expect(botLog.body.items.map((d) => d.eventType).sort()).toEqual(['conversation.created', 'message.created', 'message.created']);
    expect(botLog.body.items.every((d) => d.state === 'succeeded')).toBe(true);
    // A conversation of another inbox is not the bot's.
    expect((await bot('/api/v1/bot/conversations/nope/handover', {})).status).toBe(404);
  });
});

describe.runIf(hasPostgres)('on PostgreSQL', () => {
  it('stores endpoints, deliveries, attempts and bots, retries, and keeps a bot’s conversation out of the queue', async () => {
    const pg = await createPgSchema();
    const pgClock = new ManualClock(Date.now());
    const server = await startTestServer({ deps: { clock: pgClock }, env: { DATABASE_URL: PG_URL, DATABASE_SCHEMA: pg.schema } });
    try {
      const token = await login(server.url);
      await api(server.url, '/api/v1/webhook-settings', { method: 'PUT', token, body: { allowPrivateTargets: true } });
      const r = await api<{ endpoint: { id: string }; secret: string }>(server.url, '/api/v1/webhooks', {
        token,
        body: { url: `${targetUrl}/pg`, eventTypes: ['contact.created'] },
      });
      answers.set('/pg', [503]);
      await api(server.url, '/api/v1/contacts', { token, body: { name: 'Paula Postgres' } });
      await delivered('/pg', 1, server);
      await pgClock.advance(5_000);
      const got = await delivered('/pg', 2, server);
      expect(verify(r.body.secret, got[1]!)).toMatchObject({ type: 'contact.created', data: { contact: { name: 'Paula Postgres' } } });
      const items = (await api<{ items: Delivery[] }>(server.url, `/api/v1/webhooks/${r.body.endpoint.id}/deliveries`, { token })).body.items;
      expect(items[0]).toMatchObject({ state: 'succeeded', attempts: 2 });
      expect(items[0]!.log.map((a) => a.statusCode)).toEqual([200, 503]);

      const inboxId = (await api<{ items: { id: string }[] }>(server.url, '/api/v1/inboxes', { token })).body.items[0]!.id;
      const team = await api<{ id: string }>(server.url, '/api/v1/teams', { token, body: { name: 'PG desk', memberIds: [] } });
      await api(server.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { defaultTeamId: team.body.id } });
      const bot = await api<{ token: string; secret: string }>(server.url, '/api/v1/bots', {
        token,
        body: { inboxId, name: 'PG Bot', webhookUrl: `${targetUrl}/pg-bot` },
      });
      expect(bot.status).toBe(201);
      const v = await newVisitor(server.url, server.websiteKey);
      const client = visitorClient(server.wsUrl, server.websiteKey, v.visitorToken);
      open.push(client);
      await client.waitFor('welcome');
      const { conversationId } = await client.client.send({ body: 'Hello from PostgreSQL' });
      const events = (await delivered('/pg-bot', 2, server)).map((x) => verify(bot.body.secret, x).type);
      expect(events.sort()).toEqual(['conversation.created', 'message.created']);
      expect((await api<ConversationSummary>(server.url, `/api/v1/conversations/${conversationId}`, { token })).body.queuedAt).toBeNull();
      const handover = await api<{ conversation: ConversationSummary }>(server.url, `/api/v1/bot/conversations/${conversationId}/handover`, {
        token: bot.body.token,
        body: {},
      });
      expect(handover.status).toBe(200);
      // Nobody in the team: it waits in the queue, from the handover on.
      expect(handover.body.conversation.queuedAt).toBe(pgClock.now());
    } finally {
      await server.close();
      await pg.drop();
    }
  });
});
