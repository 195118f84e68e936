/**
 * Transfer, escalation and supervision at the protocol level (SQLite, one
 * node): a transfer with a handoff note (operators only, notified, never on
 * the visitor's socket), a team transfer at the head of its queue,
 * escalations by hand and by a rule with their history, and a supervisor who
 * monitors without showing among the viewers, whispers and takes over.
 */
import type { ConversationSummary, ServerFrame } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { escalateConversation } from '../src/escalation/escalate-conversation.js';
import type { EventOf } from '../src/events/events.js';

const password = 'lantern-orchard-basalt';
let s: TestServer;
let admin: string;
const ops: Record<string, { id: string; token: string; console: TestClient }> = {};
let support: string;
let tier2: string;
const open: TestClient[] = [];
const escalated: EventOf<'conversation.escalated'>[] = [];

beforeAll(async () => {
  s = await startTestServer();
  admin = await login(s.url);
  for (const [name, role] of [
    ['Ana Alves', 'operator'],
    ['Bo Berg', 'operator'],
    ['Sam Supervisor', 'supervisor'],
  ] as const) {
    const email = `${name.split(' ')[0]!.toLowerCase()}@example.com`;
    const r = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: admin, body: { email, name, password, role } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const token = await login(s.url, { email, password });
    const c = operatorClient(s.wsUrl, token);
    await c.waitFor('welcome');
    ops[name.split(' ')[0]!] = { id: r.body.operator.id, token, console: c };
  }
  const team = async (name: string, memberIds: string[]) =>
    (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name, memberIds } })).body.id;
  support = await team('Support', [ops.Ana!.id, ops.Sam!.id]);
  tier2 = await team('Tier 2', [ops.Bo!.id]);
  s.app.ctx.events.on('conversation.escalated', (e) => void escalated.push(e));
});
afterAll(async () => {
  for (const c of [...open, ...Object.values(ops).map((o) => o.console)]) c.close();
  await s.close();
});

/** A visitor's conversation in Support, assigned to Ana; the visitor's socket follows it. */
async function anasConversation(body = 'My order never arrived') {
  const v = await newVisitor(s.url, s.websiteKey);
  const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  open.push(visitor);
  await visitor.waitFor('welcome');
  const { conversationId } = await visitor.client.send({ body });
  visitor.client.subscribe(conversationId, 0);
  await visitor.waitFor('synced', (f) => f.conversationId === conversationId);
  expect((await api(s.url, `/api/v1/conversations/${conversationId}/team`, { token: admin, body: { teamId: support } })).status).toBe(200);
  expect((await api(s.url, `/api/v1/conversations/${conversationId}/assign`, { token: admin, body: { operatorId: ops.Ana!.id } })).status).toBe(200);
  return { visitor, conversationId };
}

const conversation = async (id: string) => (await api<ConversationSummary>(s.url, `/api/v1/conversations/${id}`, { token: admin })).body;
const lines = async (id: string) =>
  (await api<{ messages: { body: string; kind: string }[] }>(s.url, `/api/v1/conversations/${id}/messages`, { token: admin })).body.messages
    .filter((m) => m.kind === 'event')
    .map((m) => m.body);
type Note = { body: string; kind?: string; toOperatorId?: string | null };
const notes = async (id: string, token = admin) => (await api<{ items: Note[] }>(s.url, `/api/v1/conversations/${id}/notes`, { token })).body.items;
/** Nothing internal reached the visitor: no note frame, no note text anywhere in what they received. */
async function visitorSawNothingOf(visitor: TestClient, ...texts: string[]) {
  // Their own message comes back after anything sent before it: whatever leaked would be there by then.
  await visitor.client.send({ conversationId: visitor.frames.find((f) => f.type === 'synced')!.conversationId, body: 'still there?' });
  expect(visitor.frames.filter((f: ServerFrame) => ['note', 'mention', 'viewers'].includes(f.type))).toEqual([]);
  const all = JSON.stringify(visitor.frames);
  for (const t of texts) expect(all).not.toContain(t);
}

describe('transfer', () => {
  it('to an operator: assigned to them with a handoff note for operators only, notified to them, never sent to the visitor', async () => {
    const { visitor, conversationId } = await anasConversation();
    const r = await api<{ conversation: ConversationSummary; message: { body: string } }>(s.url, `/api/v1/conversations/${conversationId}/transfer`, {
      token: ops.Ana!.token,
      body: { operatorId: ops.Bo!.id, note: 'Refund approved, card ending 4242' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.message.body).toBe('Transferred to Bo Berg by Ana Alves');
    expect(r.body.conversation.assigneeId).toBe(ops.Bo!.id);
    // Bo is not in Support: the assignment lets him see it, and he is told like a mention.
    const mention = await ops.Bo!.console.waitFor('mention', (f) => f.conversationId === conversationId);
    expect(mention.latest?.preview).toContain('Refund approved');
    expect(await notes(conversationId, ops.Bo!.token)).toMatchObject([
      { body: 'Refund approved, card ending 4242', kind: 'handoff', toOperatorId: ops.Bo!.id },
    ]);
    await visitorSawNothingOf(visitor, 'Refund approved', '4242');
  });

  it('to a team: at the head of its queue when nobody there takes it, its members notified', async () => {
    // Waiting in Tier 2's queue already, for longer.
    const waiting = await anasConversation('Waiting first');
    await api(s.url, `/api/v1/conversations/${waiting.conversationId}/assign`, { token: admin, body: { operatorId: null } });
    await api(s.url, `/api/v1/conversations/${waiting.conversationId}/team`, { token: admin, body: { teamId: tier2 } });
    const { visitor, conversationId } = await anasConversation('Second, but transferred');
    const r = await api<{ message: { body: string } }>(s.url, `/api/v1/conversations/${conversationId}/transfer`, {
      token: ops.Ana!.token,
      body: { teamId: tier2, note: 'Needs a database fix' },
    });
    expect(r.body.message.body).toBe('Transferred to Tier 2 by Ana Alves');
    const moved = await conversation(conversationId);
    expect([moved.teamId, moved.assigneeId]).toEqual([tier2, null]);
    const queue = (await api<{ items: { conversation: { id: string }; position: number }[] }>(s.url, `/api/v1/queue?teamId=${tier2}`, { token: admin })).body
      .items;
    expect(queue.map((q) => q.conversation.id)).toEqual([conversationId, waiting.conversationId]);
    await ops.Bo!.console.waitFor('mention', (f) => f.conversationId === conversationId);
    await visitorSawNothingOf(visitor, 'database fix');
  });

  it('to a team where someone has room: routing hands it to them at once', async () => {
    const routing = (mode: string) => api(s.url, `/api/v1/teams/${tier2}/routing`, { method: 'PATCH', token: admin, body: { mode, defaultCapacity: 50 } });
    expect((await routing('round_robin')).status).toBe(200);
    const { conversationId } = await anasConversation('Hand me on');
    await api(s.url, `/api/v1/conversations/${conversationId}/transfer`, { token: ops.Ana!.token, body: { teamId: tier2 } });
    await ops.Bo!.console.waitFor('conversation', (f) => f.conversation.id === conversationId && f.conversation.assigneeId === ops.Bo!.id);
    expect(await conversation(conversationId)).toMatchObject({ teamId: tier2, assigneeId: ops.Bo!.id });
    expect((await routing('manual')).status).toBe(200);
  });

  it('refuses a team or an operator of another workspace, and both at once', async () => {
    const { conversationId } = await anasConversation();
    const post = (body: object) => api(s.url, `/api/v1/conversations/${conversationId}/transfer`, { token: ops.Ana!.token, body });
    expect((await post({ teamId: 'nope' })).status).toBe(404);
    expect((await post({ operatorId: 'nope' })).status).toBe(404);
    expect((await post({ teamId: tier2, operatorId: ops.Bo!.id })).status).toBe(400);
  });
});

describe('escalation', () => {
  it('by hand to the tier-2 team and by a rule, each in the history; to a named supervisor', async () => {
    const { visitor, conversationId } = await anasConversation();
    const esc = (body: object, token = ops.Ana!.token) =>
      api<{ message: { body: string } }>(s.url, `/api/v1/conversations/${conversationId}/escalate`, { token, body });
    // No tier-2 team chosen yet.
    expect((await esc({ reason: 'Angry customer' })).status).toBe(400);
    expect((await api(s.url, '/api/v1/escalation-settings', { method: 'PUT', token: ops.Sam!.token, body: { tier2TeamId: tier2 } })).status).toBe(403);
    expect((await api(s.url, '/api/v1/escalation-settings', { method: 'PUT', token: admin, body: { tier2TeamId: tier2 } })).body).toEqual({
      tier2TeamId: tier2,
    });

    const byHand = await esc({ reason: 'Threatens to cancel, third contact this week' });
    expect(byHand.body.message.body).toBe('Escalated to Tier 2 by Ana Alves');
    expect(await conversation(conversationId)).toMatchObject({ teamId: tier2, assigneeId: null });

    await escalateConversation(s.app.ctx, {
      actor: {
        kind: 'rule',
        id: 'rule-vip',
        name: 'VIP',
        workspaceId: (await s.app.ctx.db.selectFrom('conversations').select('workspace_id').where('id', '=', conversationId).executeTakeFirstOrThrow())
          .workspace_id,
      },
      conversationId,
      reason: 'VIP contact',
    });
    expect((await lines(conversationId)).at(-1)).toBe("Escalated to Tier 2 by rule 'VIP'");

    // To a supervisor by name (an operator is no supervisor).
    expect((await esc({ reason: 'Needs approval', operatorId: ops.Bo!.id }, admin)).status).toBe(400);
    expect((await esc({ reason: 'Needs approval', operatorId: ops.Sam!.id }, admin)).body.message.body).toBe('Escalated to Sam Supervisor by Admin');
    expect((await conversation(conversationId)).assigneeId).toBe(ops.Sam!.id);

    const history = (
      await api<{
        items: { by: { kind: string; name: string }; fromTeamId: string | null; toTeamId: string | null; toOperatorId: string | null; reason: string }[];
      }>(s.url, `/api/v1/conversations/${conversationId}/escalations`, { token: admin })
    ).body.items;
    expect(history.map((h) => [h.by.kind, h.by.name, h.fromTeamId, h.toTeamId, h.toOperatorId, h.reason])).toEqual([
      ['operator', 'Ana Alves', support, tier2, null, 'Threatens to cancel, third contact this week'],
      ['rule', 'VIP', tier2, tier2, null, 'VIP contact'],
      ['operator', 'Admin', tier2, null, ops.Sam!.id, 'Needs approval'],
    ]);
    expect(escalated.filter((e) => e.conversationId === conversationId).map((e) => e.by.kind)).toEqual(['operator', 'rule', 'operator']);
    await visitorSawNothingOf(visitor, 'Threatens to cancel', 'VIP contact', 'Needs approval');
  });
});

describe('supervision', () => {
  it('a supervisor monitors without showing among the viewers, whispers to the assignee only, and takes over', async () => {
    const { visitor, conversationId } = await anasConversation();
    const follow = async (token: string) => {
      const c = operatorClient(s.wsUrl, token);
      open.push(c);
      await c.waitFor('welcome');
      c.client.subscribe(conversationId);
      await c.waitFor('synced', (f) => f.conversationId === conversationId);
      return c;
    };
    const ana = await follow(ops.Ana!.token);
    const sam = await follow(ops.Sam!.token);
    ana.client.sendVolatile({ type: 'view', conversationId });
    await ana.waitFor('viewers', (f) => f.viewers.length === 1);
    sam.client.sendVolatile({ type: 'view', conversationId, monitor: true });
    // An operator may not monitor.
    ana.client.sendVolatile({ type: 'view', conversationId, monitor: true });
    await ana.waitFor('error', (f) => f.code === 'forbidden');
    // Sam's whisper comes after his view: had he shown among the viewers, Ana would have heard first.
    const w = await api<{ note: Note }>(s.url, `/api/v1/conversations/${conversationId}/whisper`, {
      token: ops.Sam!.token,
      body: { body: 'Offer the 20% voucher' },
    });
    expect(w.status, JSON.stringify(w.body)).toBe(201);
    expect(w.body.note).toMatchObject({ kind: 'whisper', toOperatorId: ops.Ana!.id });
    await ana.waitFor('note', (f) => f.note.body === 'Offer the 20% voucher');
    await ops.Ana!.console.waitFor('mention', (f) => f.conversationId === conversationId);
    const seen = ana.frames.filter((f) => f.type === 'viewers').flatMap((f) => (f.type === 'viewers' ? f.viewers.map((v) => v.name) : []));
    expect(seen).not.toContain('Sam Supervisor');
    expect((await api(s.url, `/api/v1/conversations/${conversationId}/whisper`, { token: ops.Ana!.token, body: { body: 'x' } })).status).toBe(403);

    expect((await api(s.url, `/api/v1/conversations/${conversationId}/take-over`, { token: ops.Ana!.token, body: {} })).status).toBe(403);
    const t = await api<{ message: { body: string; event: { type: string } } }>(s.url, `/api/v1/conversations/${conversationId}/take-over`, {
      token: ops.Sam!.token,
      body: {},
    });
    expect(t.body.message.body).toBe('Taken over by Sam Supervisor');
    expect((await conversation(conversationId)).assigneeId).toBe(ops.Sam!.id);
    // The visitor hears of the take over (their widget says who joined), never of the whisper.
    await visitor.waitFor('message', (f) => f.message.event?.type === 'taken_over');
    await visitorSawNothingOf(visitor, 'voucher');
  });
});
