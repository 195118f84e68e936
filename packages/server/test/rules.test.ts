/**
 * Workspace rules end to end on one node (SQLite, the one clock moved by
 * hand): saved through the API with their references checked, fired after
 * commit by the events they wait for, acting through the operators' commands
 * with the rule as the actor, each run recorded; a rule whose team was
 * deleted since reports its failure and nothing crashes; the time events are
 * durable jobs; a rule's own changes do not set rules off again.
 */
import type { ConversationSummary, ServerFrame } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from '../src/clock.js';
import type { RuleDto } from '../src/rules/rule.js';

const clock = new ManualClock(Date.now());
let s: TestServer;
let admin: string;
let tier2: string;
let vipContactId: string;
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  admin = await login(s.url);
  tier2 = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Tier 2', memberIds: [] } })).body.id;
  const attr = await api(s.url, '/api/v1/contact-attributes', { token: admin, body: { key: 'vip', label: 'VIP', type: 'boolean' } });
  expect(attr.status, JSON.stringify(attr.body)).toBe(201);
  const contact = await api<{ id: string }>(s.url, '/api/v1/contacts', { token: admin, body: { name: 'Vera Important', attributes: { vip: true } } });
  expect(contact.status, JSON.stringify(contact.body)).toBe(201);
  vipContactId = contact.body.id;
});
afterAll(async () => {
  for (const c of open) c.close();
  await s.close();
});

const rules: RuleDto[] = [];
async function addRule(body: Record<string, unknown>): Promise<RuleDto> {
  const r = await api<RuleDto>(s.url, '/api/v1/rules', { token: admin, body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  rules.push(r.body);
  return r.body;
}
async function disable(id: string): Promise<void> {
  const r = await api<RuleDto>(s.url, `/api/v1/rules/${id}`, { method: 'PATCH', token: admin, body: { enabled: false } });
  expect([r.status, r.body.enabled]).toEqual([200, false]);
}

async function visitorWrites(body: string, contactId?: string): Promise<{ client: TestClient; conversationId: string }> {
  const v = await newVisitor(s.url, s.websiteKey);
  if (contactId) await s.app.ctx.db.updateTable('visitors').set({ contact_id: contactId }).where('id', '=', v.visitorId).execute();
  const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  open.push(client);
  await client.waitFor('welcome');
  const { conversationId } = await client.client.send({ body });
  return { client, conversationId };
}

const conversation = async (id: string) => (await api<ConversationSummary>(s.url, `/api/v1/conversations/${id}`, { token: admin })).body;
const lines = async (id: string) =>
  (await api<{ messages: { kind: string; body: string }[] }>(s.url, `/api/v1/conversations/${id}/messages`, { token: admin })).body.messages
    .filter((m) => m.kind === 'event')
    .map((m) => m.body);
/** The runs on a conversation, by time then in the rules' order (runs in one millisecond have ids in no order). */
const runsOf = async (conversationId: string) => {
  const rows = await s.app.ctx.db.selectFrom('rule_runs').selectAll().where('conversation_id', '=', conversationId).execute();
  const place = (id: string) => rules.findIndex((r) => r.id === id);
  return rows.sort((a, b) => Number(a.at) - Number(b.at) || place(a.rule_id) - place(b.rule_id));
};
const listed = async () => (await api<{ items: RuleDto[] }>(s.url, '/api/v1/rules', { token: admin })).body.items;

async function untilAsync(cond: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await cond()) return;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setImmediate(r));
  }
}

describe('rules', () => {
  it('refuses a rule naming a team, label or attribute that does not exist, with a stable code', async () => {
    const r = await api<{ error: { code: string; details: { code: string; path: string }[] } }>(s.url, '/api/v1/rules', {
      token: admin,
      body: { name: 'Nowhere', event: { type: 'conversation_created' }, actions: [{ type: 'assign_team', teamId: 'nope' }] },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.details).toEqual([{ path: 'actions.0.teamId', code: 'unknown_team', message: 'Unknown team: nope' }]);
    const bad = await api(s.url, '/api/v1/rules', { token: admin, body: { name: 'No action', event: { type: 'conversation_created' }, actions: [] } });
    expect(bad.status).toBe(400);
  });

  it("a rule 'VIP contact → urgent + escalate to Tier 2' puts a VIP's new conversation at the head of Tier 2's queue", async () => {
    const vip = await addRule({
      name: 'VIP',
      event: { type: 'conversation_created' },
      conditions: [{ field: 'attribute', key: 'vip', op: 'is', value: true }],
      actions: [{ type: 'set_priority', priority: 'urgent' }, { type: 'escalate' }],
    });
    // Escalations go to the workspace's tier-2 team.
    expect((await api(s.url, '/api/v1/escalation-settings', { method: 'PUT', token: admin, body: { tier2TeamId: tier2 } })).status).toBe(200);
    // Someone already waiting in Tier 2.
    const before = await visitorWrites('Just a question');
    await api(s.url, `/api/v1/conversations/${before.conversationId}/team`, { token: admin, body: { teamId: tier2 } });
    const plain = await visitorWrites('Hello');
    const vera = await visitorWrites('My order is late', vipContactId);
    await untilAsync(async () => (await runsOf(vera.conversationId)).length === 1);
    expect((await runsOf(vera.conversationId)).map((r) => [r.rule_id, r.outcome, r.reason])).toEqual([[vip.id, 'ok', null]]);
    expect(await runsOf(plain.conversationId)).toEqual([]);
    const c = await conversation(vera.conversationId);
    expect([c.priority, c.teamId]).toEqual(['urgent', tier2]);
    expect(await lines(vera.conversationId)).toEqual(["Priority set to urgent by rule 'VIP'", "Escalated to Tier 2 by rule 'VIP'"]);
    // The head of Tier 2's queue, before the one who was waiting there already.
    const queue = await api<{ items: { conversation: ConversationSummary; position: number }[] }>(s.url, `/api/v1/queue?teamId=${tier2}`, { token: admin });
    expect(queue.body.items.map((q) => [q.conversation.id, q.position])).toEqual([
      [vera.conversationId, 1],
      [before.conversationId, 2],
    ]);
    const history = await api<{ items: { reason: string }[] }>(s.url, `/api/v1/conversations/${vera.conversationId}/escalations`, { token: admin });
    expect(history.body.items.length).toBe(1);
    await disable(vip.id);
  });

  it('fires on a negative mood: "This is the third time I\'m asking, this is ridiculous"', async () => {
    const rule = await addRule({
      name: 'Upset',
      event: { type: 'mood_soured' },
      actions: [{ type: 'set_priority', priority: 'high' }],
    });
    const { conversationId } = await visitorWrites("This is the third time I'm asking, this is ridiculous");
    // Scored after it is stored (mood/), negative and souring: mood.soured sets the rule off.
    await untilAsync(async () => (await runsOf(conversationId)).length === 1);
    expect((await conversation(conversationId)).priority).toBe('high');
    expect((await conversation(conversationId)).moodTrend).toBe('souring');
    expect(await lines(conversationId)).toEqual(["Priority set to high by rule 'Upset'"]);
    await disable(rule.id);
  });

  it('reports a rule whose team was deleted since as a failed run, shown with the rule, and goes on with the next rule', async () => {
    const team = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Gone soon', memberIds: [] } })).body.id;
    const broken = await addRule({ name: 'To a gone team', event: { type: 'visitor_message' }, actions: [{ type: 'assign_team', teamId: team }] });
    const next = await addRule({ name: 'Label it', event: { type: 'visitor_message' }, actions: [{ type: 'set_priority', priority: 'low' }] });
    expect((await api(s.url, `/api/v1/teams/${team}`, { method: 'DELETE', token: admin })).status).toBe(204);
    const { conversationId } = await visitorWrites('Anyone?');
    await untilAsync(async () => (await runsOf(conversationId)).length === 2);
    expect((await runsOf(conversationId)).map((r) => [r.rule_id, r.outcome, r.reason])).toEqual([
      [broken.id, 'failed', 'Assign to team: Team not found'],
      [next.id, 'ok', null],
    ]);
    const shown = (await listed()).find((r) => r.id === broken.id)!;
    expect(shown.lastError).toMatchObject({ conversationId, outcome: 'failed', reason: 'Assign to team: Team not found' });
    expect((await conversation(conversationId)).priority).toBe('low');
    await disable(broken.id);
    await disable(next.id);
  });

  it('does not set itself off: a rule on visitor messages runs once per visitor message, not on its own lines', async () => {
    const rule = await addRule({
      name: 'Tag',
      event: { type: 'visitor_message' },
      conditions: [{ field: 'priority', op: 'is_not', priority: 'urgent' }],
      actions: [{ type: 'set_priority', priority: 'urgent' }, { type: 'notify_supervisors' }],
    });
    const ops = operatorClient(s.wsUrl, admin);
    open.push(ops);
    await ops.waitFor('welcome');
    const { client, conversationId } = await visitorWrites('One');
    const notice = (await ops.waitFor('ruleNotice', (f) => f.conversationId === conversationId)) as Extract<ServerFrame, { type: 'ruleNotice' }>;
    expect(notice).toMatchObject({ ruleId: rule.id, ruleName: 'Tag', text: "Rule 'Tag' asks you to look at this conversation" });
    await untilAsync(async () => (await runsOf(conversationId)).length === 1);
    await client.client.send({ body: 'Two', conversationId });
    await untilAsync(async () => (await lines(conversationId)).length === 2);
    // The second message finds it urgent already: the condition holds it back.
    expect(await lines(conversationId)).toEqual(["Priority set to urgent by rule 'Tag'", "Supervisors notified by rule 'Tag'"]);
    expect(await runsOf(conversationId)).toHaveLength(1);
    await disable(rule.id);
  });

  it('orders rules by position, and reorders them', async () => {
    const ids = (await listed()).map((r) => r.id);
    const reversed = [...ids].reverse();
    const r = await api<{ items: RuleDto[] }>(s.url, '/api/v1/rules/order', { method: 'PUT', token: admin, body: { ids: reversed } });
    expect(r.body.items.map((x) => x.id)).toEqual(reversed);
    expect((await api(s.url, '/api/v1/rules/order', { method: 'PUT', token: admin, body: { ids: ids.slice(1) } })).status).toBe(400);
  });

  it('time events are durable jobs on the clock: "waited longer than 5 minutes" fires once per wait; "no first reply within 10" never after an answer', async () => {
    const waited = await addRule({ name: 'Waited', event: { type: 'waited', minutes: 5 }, actions: [{ type: 'set_priority', priority: 'high' }] });
    const first = await addRule({ name: 'No reply', event: { type: 'no_first_reply', minutes: 10 }, actions: [{ type: 'set_priority', priority: 'urgent' }] });
    const jobs = s.app.ctx.jobs;
    const key = (type: string, id: string, minutes: number) => `rules.time:${type}:${id}:${minutes}`;
    const pending = async (k: string) => (await jobs.get(k))?.status === 'pending';

    const slow = await visitorWrites('Hello?');
    const answered = await visitorWrites('Hi there');
    for (const c of [slow, answered]) {
      await untilAsync(() => pending(key('waited', c.conversationId, 5)));
      await untilAsync(() => pending(key('no_first_reply', c.conversationId, 10)));
    }
    // Writing again while waiting keeps the one job of this wait.
    await slow.client.client.send({ body: 'Anyone?', conversationId: slow.conversationId });
    const reply = await api(s.url, `/api/v1/conversations/${answered.conversationId}/messages`, { token: admin, body: { body: 'Hello! How can I help?' } });
    expect(reply.status).toBe(201);
    await untilAsync(async () => (await jobs.get(key('no_first_reply', answered.conversationId, 10)))?.status === 'cancelled');
    expect((await jobs.get(key('waited', answered.conversationId, 5)))?.status).toBe('cancelled');

    await clock.advance(4 * 60_000);
    await jobs.runDue();
    expect(await runsOf(slow.conversationId)).toEqual([]);
    await clock.advance(60_000);
    await jobs.runDue();
    expect((await runsOf(slow.conversationId)).map((r) => r.rule_id)).toEqual([waited.id]);
    expect((await conversation(slow.conversationId)).priority).toBe('high');
    await clock.advance(5 * 60_000);
    await jobs.runDue();
    expect((await runsOf(slow.conversationId)).map((r) => r.rule_id)).toEqual([waited.id, first.id]);
    expect((await conversation(slow.conversationId)).priority).toBe('urgent');
    expect(await runsOf(answered.conversationId)).toEqual([]);

    // Still unanswered, the visitor writes again: the same wait, no second run.
    await slow.client.client.send({ body: 'Hello??', conversationId: slow.conversationId });
    await untilAsync(() => pending(key('waited', slow.conversationId, 5)));
    await clock.advance(5 * 60_000);
    await jobs.runDue();
    expect(await runsOf(slow.conversationId)).toHaveLength(2);
    await disable(waited.id);
    await disable(first.id);
  });
});
