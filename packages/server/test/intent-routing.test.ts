/**
 * Intents end to end on one node (SQLite, the clock moved by hand): an admin
 * trains the workspace's model from conversations operators labelled (a
 * durable job, its progress pushed to admins), a new conversation asking a
 * billing question goes to the team mapped to Billing before anyone of the
 * inbox's default team takes it, with the decision and its confidence stored
 * and written in the conversation; a question out of scope stays with the
 * default team; a rollback makes the previous version the one that predicts;
 * training with too little data is refused with a clear message.
 */
import type { ConversationIntentDto, ConversationSummary, IntentModelDto, IntentTrainingDto, IntentTrainingFrame } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { operatorClient, type TestClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from '../src/clock.js';
import { sendMessage } from '../src/message/message.service.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { ensureVisitorConversation } from '../src/widget/widget.service.js';

const BILLING = [
  'I was charged twice for my order last week',
  'Why is there an extra fee on my invoice?',
  'Can I get a refund for the duplicate payment on my card?',
  'My credit card was billed the wrong amount',
  'How do I update the payment method on my account?',
  'I need a copy of my invoice for March',
  'The subscription charge is higher than the price on your website',
  'Please cancel the charge on my card, I did not order this',
  'When will my refund show up on my bank statement?',
  'I paid but the invoice still says unpaid',
  'Can you explain the VAT on my bill?',
  'My payment was declined but the money left my account',
];
const SHIPPING = [
  'Where is my package? It was supposed to come yesterday',
  'My order has not arrived yet',
  'How long does delivery take to Canada?',
  'The tracking number you sent does not work',
  'Can I change the shipping address of my order?',
  'The parcel was delivered to the wrong house',
  'Do you ship to Japan?',
  'My delivery is late by a week',
  'The courier says my package is lost',
  'Can I pick up my order in the store instead of shipping it?',
  'How much does express delivery cost?',
  'The box arrived crushed and the item inside is broken',
];

const password = 'lantern-orchard-basalt';
const clock = new ManualClock(Date.now());
let s: TestServer;
let admin: string;
let adminConsole: TestClient;
let boConsole: TestClient;
let inboxId: string;
let supportId: string;
let billingTeamId: string;
const labels: Record<string, string> = {};
let n = 0;

const conversation = async (id: string) => (await api<ConversationSummary>(s.url, `/api/v1/conversations/${id}`, { token: admin })).body;
const intentOf = async (id: string) =>
  (await api<{ intent: ConversationIntentDto | null }>(s.url, `/api/v1/conversations/${id}/intent`, { token: admin })).body.intent;
const versions = async () =>
  (await api<{ items: IntentModelDto[]; training: IntentTrainingDto | null }>(s.url, '/api/v1/intents/models', { token: admin })).body;

/** A new visitor's first message: a new conversation. */
async function ask(body: string): Promise<string> {
  const ctx = s.app.ctx;
  const { visitor } = await startWidgetSession(ctx, { websiteKey: s.websiteKey });
  const workspaceId = visitor.workspaceId;
  const r = await sendMessage(ctx, { workspaceId, visitor, author: { kind: 'visitor', id: visitor.id, name: null }, clientId: `q${++n}`, body });
  return r.message.conversationId;
}

async function labelled(texts: string[], label: string): Promise<void> {
  for (const text of texts) {
    const id = await ask(text);
    const r = await api(s.url, `/api/v1/conversations/${id}/labels`, { token: admin, body: { add: [labels[label]], remove: [] } });
    expect(r.status).toBe(200);
  }
}

async function train(): Promise<IntentTrainingDto> {
  const started = await api<IntentTrainingDto>(s.url, '/api/v1/intents/models', { token: admin, body: {} });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  expect(started.body.status).toBe('queued');
  expect(await s.app.ctx.jobs.runDue()).toBeGreaterThanOrEqual(1);
  return (await api<IntentTrainingDto>(s.url, `/api/v1/intents/trainings/${started.body.id}`, { token: admin })).body;
}

/** Waits for the conversation's intent to be decided (after its first message's commit). */
async function decided(id: string): Promise<ConversationIntentDto> {
  let intent: ConversationIntentDto | null = null;
  await vi.waitFor(
    async () => {
      intent = await intentOf(id);
      expect(intent?.status).toBe('decided');
    },
    { timeout: 10_000, interval: 50 },
  );
  return intent!;
}

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  admin = await login(s.url);
  adminConsole = operatorClient(s.wsUrl, admin);
  await adminConsole.waitFor('welcome');
  const ids: string[] = [];
  for (const name of ['Ana Alves', 'Bo Berg']) {
    const email = `${name.split(' ')[0]!.toLowerCase()}@example.com`;
    ids.push((await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: admin, body: { email, name, password } })).body.operator.id);
  }
  // Bo (Support, the inbox's default team) is online and takes what reaches his queue; nobody of Billing is.
  boConsole = operatorClient(s.wsUrl, await login(s.url, { email: 'bo@example.com', password }));
  await boConsole.waitFor('welcome');
  billingTeamId = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Billing desk', memberIds: [ids[0]] } })).body.id;
  supportId = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Support', memberIds: [ids[1]] } })).body.id;
  for (const id of [supportId, billingTeamId]) {
    await api(s.url, `/api/v1/teams/${id}/routing`, { method: 'PATCH', token: admin, body: { mode: 'round_robin', defaultCapacity: 100 } });
  }
  inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
  await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { defaultTeamId: supportId } });
  for (const name of ['Billing', 'Shipping', 'Returns']) {
    labels[name] = (await api<{ id: string }>(s.url, '/api/v1/labels', { token: admin, body: { name } })).body.id;
  }
}, 60_000);

afterAll(async () => {
  adminConsole?.close();
  boConsole?.close();
  await s?.close();
});

describe('intents', () => {
  it('refuses to train with too little labelled data, saying what is missing', async () => {
    await labelled(BILLING.slice(0, 6), 'Billing');
    const r = await api<{ error: { code: string; message: string } }>(s.url, '/api/v1/intents/models', { token: admin, body: {} });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/at least 5 conversations with each of at least two labels \(now Billing: 6\)/);
    expect((await versions()).items).toEqual([]);
  });

  it('trains a version from labelled conversations as a job with progress, leaving out labels with too few', async () => {
    await labelled(BILLING.slice(6), 'Billing');
    await labelled(SHIPPING, 'Shipping');
    await labelled(['I want to send my shoes back', 'How do I return a jacket?'], 'Returns');
    const training = await train();
    expect(training).toMatchObject({ status: 'done', percent: 100, error: null });
    const frames = adminConsole.frames.filter((f): f is IntentTrainingFrame => f.type === 'intentTraining' && f.training.id === training.id);
    expect(frames.map((f) => f.training.status)).toContain('running');
    // The product trains with the sentence encoder beside today's features (INTENT_ENCODER=use-lite by default).
    expect(frames.map((f) => f.training.stage)).toContain('Reading conversations with the sentence encoder');
    expect(frames.at(-1)?.training).toMatchObject({ status: 'done', percent: 100 });
    // Progress goes to owners' and admins' consoles only.
    expect(boConsole.frames.some((f) => f.type === 'intentTraining')).toBe(false);
    const list = await versions();
    expect(list.training?.id).toBe(training.id);
    expect(list.items).toHaveLength(1);
    const v1 = list.items[0]!;
    expect(v1).toMatchObject({ version: 1, active: true, exampleCount: 24, createdBy: 'Admin', id: training.modelId });
    expect(v1.labels.map((l) => [l.name, l.examples])).toEqual([
      ['Billing', 12],
      ['Shipping', 12],
    ]);
    expect(v1.skipped).toEqual([{ labelId: labels.Returns, name: 'Returns', examples: 2 }]);
    expect(v1.accuracy).toBeGreaterThanOrEqual(0.5);
    expect(v1.threshold).toBeGreaterThanOrEqual(0.3);
  }, 120_000);

  it('routes a billing question to the team mapped to Billing before the default team takes it, with the decision shown', async () => {
    const set = await api(s.url, `/api/v1/inboxes/${inboxId}/intent-routing`, {
      method: 'PUT',
      token: admin,
      body: { enabled: true, routes: [{ labelId: labels.Billing, teamId: billingTeamId }] },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const id = await ask('Hello, you charged my card two times for the same subscription this month. Can I have the extra payment refunded?');
    const intent = await decided(id);
    expect(intent).toMatchObject({
      labelId: labels.Billing,
      labelName: 'Billing',
      routedTeamId: billingTeamId,
      routedTeamName: 'Billing desk',
      modelVersion: 1,
    });
    expect(intent.confidence).toBeGreaterThan((await versions()).items[0]!.threshold);
    const c = await conversation(id);
    expect(c.teamId).toBe(billingTeamId);
    // Bo of Support, online with room, never had it; it waits in Billing's queue (nobody of Billing is online).
    expect(c.assigneeId).toBeNull();
    expect(c.queuedAt).not.toBeNull();
    const history = await api<{ messages: { body: string; event: { type: string } | null }[] }>(s.url, `/api/v1/conversations/${id}/messages`, {
      token: admin,
    });
    const line = history.body.messages.find((m) => m.event?.type === 'intent');
    expect(line?.body).toBe(`Routed to Billing desk by intent (${Math.round(intent.confidence! * 100)}%)`);
  });

  it('leaves a question out of scope with the inbox default team ("none of these")', async () => {
    const id = await ask("what's the weather on mars");
    const intent = await decided(id);
    expect(intent).toMatchObject({ labelId: null, labelName: null, routedTeamId: null });
    await vi.waitFor(async () => expect(await conversation(id)).toMatchObject({ teamId: supportId, assigneeId: expect.any(String) }), { timeout: 10_000 });
    const history = await api<{ messages: { body: string }[] }>(s.url, `/api/v1/conversations/${id}/messages`, { token: admin });
    expect(history.body.messages.map((m) => m.body)).toContainEqual(expect.stringMatching(/^No suggested label \(\d+%, none of these\): stays with Support$/));
  });

  it('lets a held conversation that never got a first message join the default queue after the safety net', async () => {
    // A conversation started for an upload: held for its intent, with no words to decide by.
    const { visitor } = await startWidgetSession(s.app.ctx, { websiteKey: s.websiteKey });
    const id = await ensureVisitorConversation(s.app.ctx, visitor);
    expect(await intentOf(id)).toMatchObject({ status: 'pending' });
    expect((await conversation(id)).queuedAt).toBeNull();
    await clock.advance(15_000);
    await s.app.ctx.jobs.runDue();
    expect(await intentOf(id)).toMatchObject({ status: 'decided', labelId: null, routedTeamId: null });
    await vi.waitFor(async () => expect(await conversation(id)).toMatchObject({ teamId: supportId, assigneeId: expect.any(String) }), { timeout: 10_000 });
  });

  it('rolls back to the previous version, which then predicts on every new conversation', async () => {
    const started = await api<IntentTrainingDto>(s.url, '/api/v1/intents/models', { token: admin, body: {} });
    expect(started.status).toBe(202);
    // One training at a time.
    const again = await api<{ error: { message: string } }>(s.url, '/api/v1/intents/models', { token: admin, body: {} });
    expect([again.status, again.body.error.message]).toEqual([409, 'A training is already running']);
    await s.app.ctx.jobs.runDue();
    expect((await api<IntentTrainingDto>(s.url, `/api/v1/intents/trainings/${started.body.id}`, { token: admin })).body.status).toBe('done');
    let list = await versions();
    expect(list.items.map((v) => [v.version, v.active])).toEqual([
      [2, true],
      [1, false],
    ]);
    const v1 = list.items[1]!;
    const back = await api<IntentModelDto>(s.url, `/api/v1/intents/models/${v1.id}/activate`, { token: admin, body: {} });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ version: 1, active: true });
    list = await versions();
    expect(list.items.map((v) => [v.version, v.active])).toEqual([
      [2, false],
      [1, true],
    ]);
    const id = await ask('Where is my parcel? The tracking page has not changed for days');
    expect((await decided(id)).modelVersion).toBe(1);
  }, 120_000);
});
