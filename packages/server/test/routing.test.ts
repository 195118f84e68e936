/**
 * Routing end to end on one node (SQLite, the one clock moved by hand): a
 * team that hands out by itself within capacity, the queue in priority and
 * time order with the visitor told their place, a take by hand, and
 * conversations going back to the head of the queue when their operator's
 * connection is gone past the grace period or nobody answered in time.
 */
import type { ConversationSummary } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from '../src/clock.js';

const clock = new ManualClock(Date.now());
const password = 'lantern-orchard-basalt';
let s: TestServer;
let admin: string;
let teamId: string;
const ops: { id: string; token: string; console: TestClient }[] = [];
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  admin = await login(s.url);
  for (const name of ['Ana Alves', 'Bo Berg']) {
    const email = `${name.split(' ')[0]!.toLowerCase()}@example.com`;
    const r = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: admin, body: { email, name, password } });
    const token = await login(s.url, { email, password });
    const c = operatorClient(s.wsUrl, token);
    await c.waitFor('welcome');
    ops.push({ id: r.body.operator.id, token, console: c });
  }
  const team = await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Support', memberIds: ops.map((o) => o.id) } });
  expect(team.status, JSON.stringify(team.body)).toBe(201);
  teamId = team.body.id;
  const inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
  await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { defaultTeamId: teamId } });
  const routing = await api(s.url, `/api/v1/teams/${teamId}/routing`, { method: 'PATCH', token: admin, body: { mode: 'round_robin', defaultCapacity: 1 } });
  expect(routing.body).toEqual({ teamId, mode: 'round_robin', defaultCapacity: 1, answerSeconds: null });
});
afterAll(async () => {
  for (const c of [...open, ...ops.map((o) => o.console)]) c.close();
  await s.close();
});

async function visitorWrites(body: string): Promise<{ client: TestClient; conversationId: string }> {
  const v = await newVisitor(s.url, s.websiteKey);
  const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  open.push(client);
  await client.waitFor('welcome');
  const { conversationId } = await client.client.send({ body });
  return { client, conversationId };
}

const conversation = async (id: string) => (await api<ConversationSummary>(s.url, `/api/v1/conversations/${id}`, { token: admin })).body;
const queue = async () =>
  (await api<{ items: { conversation: ConversationSummary; position: number }[] }>(s.url, '/api/v1/queue', { token: admin })).body.items;
const resolve = (id: string, token = admin) => api(s.url, `/api/v1/conversations/${id}/status`, { token, body: { status: 'resolved' } });

describe('routing', () => {
  it('hands out within capacity, queues the rest in priority then time order, and the first to free capacity gets the head', async () => {
    const first = await visitorWrites('One');
    const second = await visitorWrites('Two');
    const assignees = async () => [(await conversation(first.conversationId)).assigneeId, (await conversation(second.conversationId)).assigneeId];
    await untilAsync(async () => (await assignees()).every((a) => a !== null));
    // Round robin: one each, in the order they joined.
    expect(new Set(await assignees())).toEqual(new Set(ops.map((o) => o.id)));

    const third = await visitorWrites('Three');
    const fourth = await visitorWrites('Four');
    expect((await third.client.waitFor('queue', (f) => f.position === 1)).conversationId).toBe(third.conversationId);
    await fourth.client.waitFor('queue', (f) => f.position === 2);
    // The later one is urgent: it goes first.
    const set = await api<{ message: { body: string } }>(s.url, `/api/v1/conversations/${fourth.conversationId}/priority`, {
      method: 'PUT',
      token: admin,
      body: { priority: 'urgent' },
    });
    expect(set.body.message.body).toBe('Priority set to urgent by Admin');
    await fourth.client.waitFor('queue', (f) => f.position === 1);
    await third.client.waitFor('queue', (f) => f.position === 2);
    expect((await queue()).map((q) => [q.conversation.id, q.position, q.conversation.priority])).toEqual([
      [fourth.conversationId, 1, 'urgent'],
      [third.conversationId, 2, 'normal'],
    ]);

    // A take beyond capacity is refused for an operator.
    const ana = ops[0]!;
    expect((await api(s.url, `/api/v1/conversations/${third.conversationId}/take`, { token: ana.token, body: {} })).status).toBe(409);

    // Whoever resolves first gets the head of the queue.
    const anaHas = (await assignees()).indexOf(ana.id) === 0 ? first : second;
    await resolve(anaHas.conversationId, ana.token);
    await untilAsync(async () => (await conversation(fourth.conversationId)).assigneeId === ana.id);
    await fourth.client.waitFor('queue', (f) => f.position === null);
    await third.client.waitFor('queue', (f) => f.position === 1 && third.client.frames.filter((x) => x.type === 'queue').length >= 3);
    expect((await conversation(third.conversationId)).assigneeId).toBeNull();

    // The admin may take beyond capacity.
    expect((await api(s.url, `/api/v1/conversations/${third.conversationId}/take`, { token: admin, body: {} })).status).toBe(200);
    expect(await queue()).toEqual([]);
    for (const c of [first, second, third, fourth]) await resolve(c.conversationId);
  });

  it('puts the conversations of an operator whose connection is gone back at the head of the queue after the grace period', async () => {
    const [ana, bo] = ops as [(typeof ops)[0], (typeof ops)[0]];
    const one = await visitorWrites('Are you there?');
    const two = await visitorWrites('Hello?');
    await untilAsync(async () => (await conversation(one.conversationId)).assigneeId !== null && (await conversation(two.conversationId)).assigneeId !== null);
    const anas = (await conversation(one.conversationId)).assigneeId === ana.id ? one : two;
    ana.console.close();
    await clock.advance(59_000);
    await s.app.ctx.jobs.runDue();
    expect((await conversation(anas.conversationId)).assigneeId).toBe(ana.id);
    await clock.advance(1_000);
    await untilAsync(async () => (await s.app.ctx.jobs.runDue()) >= 0 && (await conversation(anas.conversationId)).assigneeId === null);
    const back = await conversation(anas.conversationId);
    expect(back.queuedAt).not.toBeNull();
    expect(back.lastSeq).toBeGreaterThan(1);
    const history = await api<{ messages: { body: string }[] }>(s.url, `/api/v1/conversations/${anas.conversationId}/messages`, { token: admin });
    expect(history.body.messages.at(-1)?.body).toBe('Back in the queue: Ana Alves went offline');
    await anas.client.waitFor('queue', (f) => f.position === 1);

    // Bo resolves his: he gets it.
    const bos = anas === one ? two : one;
    await resolve(bos.conversationId, bo.token);
    await untilAsync(async () => (await conversation(anas.conversationId)).assigneeId === bo.id);
    await resolve(anas.conversationId);
    // Ana comes back.
    ana.console = operatorClient(s.wsUrl, ana.token);
    await ana.console.waitFor('welcome');
  });

  it('puts a conversation nobody answered within the team’s limit back in the queue, and leaves an answered one', async () => {
    await api(s.url, `/api/v1/teams/${teamId}/routing`, { method: 'PATCH', token: admin, body: { answerSeconds: 30, mode: 'least_busy' } });
    const one = await visitorWrites('Anyone?');
    const two = await visitorWrites('Hi');
    await untilAsync(async () => (await conversation(one.conversationId)).assigneeId !== null && (await conversation(two.conversationId)).assigneeId !== null);
    const twoOwner = (await conversation(two.conversationId)).assigneeId;
    const token = ops.find((o) => o.id === twoOwner)!.token;
    await api(s.url, `/api/v1/conversations/${two.conversationId}/messages`, { token, body: { body: 'Hello, how can I help?' } });
    await clock.advance(30_000);
    await s.app.ctx.jobs.runDue();
    // Back in the queue, and at once given to whoever has room (least busy: the one who just lost it has room again).
    await untilAsync(async () => (await conversation(one.conversationId)).lastSeq >= 4);
    const history = await api<{ messages: { body: string }[] }>(s.url, `/api/v1/conversations/${one.conversationId}/messages`, { token: admin });
    expect(history.body.messages.some((m) => m.body.endsWith('did not answer in time'))).toBe(true);
    expect((await conversation(two.conversationId)).assigneeId).toBe(twoOwner);
    for (const c of [one, two]) await resolve(c.conversationId);
  });
});

describe('what sets the queue moving', () => {
  it('a capacity raised, and a team’s hours opening (schedule.opened)', async () => {
    const [ana] = ops as [(typeof ops)[0]];
    await api(s.url, `/api/v1/teams/${teamId}/routing`, { method: 'PATCH', token: admin, body: { defaultCapacity: 0, answerSeconds: null } });
    const waiting = await visitorWrites('Waiting for room');
    await waiting.client.waitFor('queue', (f) => f.position === 1);
    // Ana's own capacity rises: she gets it.
    expect((await api(s.url, `/api/v1/operators/${ana.id}/capacity`, { method: 'PUT', token: admin, body: { capacity: 5 } })).status).toBe(200);
    await untilAsync(async () => (await conversation(waiting.conversationId)).assigneeId === ana.id);
    await resolve(waiting.conversationId);
    await api(s.url, `/api/v1/operators/${ana.id}/capacity`, { method: 'PUT', token: admin, body: { capacity: null } });

    // Manual while it arrives; the mode changes behind routing's back; the hours opening drain it.
    await api(s.url, `/api/v1/teams/${teamId}/routing`, { method: 'PATCH', token: admin, body: { mode: 'manual', defaultCapacity: 1 } });
    const later = await visitorWrites('Opening hours?');
    await later.client.waitFor('queue', (f) => f.position === 1);
    await s.app.ctx.db.updateTable('teams').set({ assignment_mode: 'round_robin' }).where('id', '=', teamId).execute();
    const workspaceId = (await s.app.ctx.db.selectFrom('teams').select('workspace_id').where('id', '=', teamId).executeTakeFirstOrThrow()).workspace_id;
    s.app.ctx.events.emit({ type: 'schedule.opened', workspaceId, teamId, operatorId: null });
    await untilAsync(async () => (await conversation(later.conversationId)).assigneeId !== null);
    await later.client.waitFor('queue', (f) => f.position === null);
  });
});

describe('moving a waiting conversation to another team', () => {
  it('takes it out of the first queue (the next moves up) and the new team hands it out', async () => {
    await api(s.url, `/api/v1/teams/${teamId}/routing`, { method: 'PATCH', token: admin, body: { mode: 'manual', defaultCapacity: 1 } });
    const first = await visitorWrites('First in line');
    const second = await visitorWrites('Second in line');
    await second.client.waitFor('queue', (f) => f.position === 2);
    const sales = await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Sales', memberIds: [ops[1]!.id] } });
    await api(s.url, `/api/v1/teams/${sales.body.id}/routing`, { method: 'PATCH', token: admin, body: { mode: 'least_busy', defaultCapacity: 10 } });
    const moved = await api(s.url, `/api/v1/conversations/${first.conversationId}/team`, { token: admin, body: { teamId: sales.body.id } });
    expect(moved.status).toBe(200);
    await untilAsync(async () => (await conversation(first.conversationId)).assigneeId === ops[1]!.id);
    await first.client.waitFor('queue', (f) => f.position === null);
    await second.client.waitFor('queue', (f) => f.position === 1);
    // Out of every team: out of every queue.
    expect((await api(s.url, `/api/v1/conversations/${second.conversationId}/team`, { token: admin, body: { teamId: null } })).status).toBe(200);
    expect((await conversation(second.conversationId)).queuedAt).toBeNull();
    expect((await queue()).map((q) => q.conversation.id)).not.toContain(second.conversationId);
    for (const c of [first, second]) await resolve(c.conversationId);
    await api(s.url, `/api/v1/teams/${teamId}/routing`, { method: 'PATCH', token: admin, body: { mode: 'round_robin' } });
  });
});

async function untilAsync(cond: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setImmediate(r));
  }
}
