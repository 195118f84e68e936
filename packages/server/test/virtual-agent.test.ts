/**
 * The virtual agent (G5) end to end on one node (SQLite): off by default and
 * admins' to turn on; it answers the visitor from a published article as the
 * inbox's bot, with the article it comes from; it hands the conversation to
 * people (routing gives it to the operator online) when the visitor asks
 * ("Talk to a person"), when no article answers, after its turns, and when
 * the mood sours; outside business hours it keeps the conversation as an
 * offline message. A webhook bot's inbox is left alone, and a visitor cannot
 * hand over someone else's conversation.
 */
import type { ConversationSummary, MessageDto } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import type { EventOf } from '../src/events/events.js';
import { type GroundedRequest, noLanguageModel } from '../src/language-model/language-model.js';
import { HANDOVER_LINE, OFFLINE_LINE } from '../src/virtual-agent/virtual-agent.service.js';

let s: TestServer;
let admin: string;
let inboxId: string;
let teamId: string;
let olgaId: string;
const open: TestClient[] = [];
const handovers: EventOf<'conversation.handed_over'>[] = [];

const RESET = 'To reset your password, open Settings, choose Security and click Reset password: we email you a link.';

beforeAll(async () => {
  s = await startTestServer();
  admin = await login(s.url);
  s.app.ctx.events.on('conversation.handed_over', (e) => {
    handovers.push(e);
  });
  const password = 'lantern-orchard-basalt';
  const op = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: admin, body: { email: 'olga@example.com', name: 'Olga', password } });
  olgaId = op.body.operator.id;
  const olga = operatorClient(s.wsUrl, await login(s.url, { email: 'olga@example.com', password }));
  open.push(olga);
  await olga.waitFor('welcome');
  teamId = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Front desk', memberIds: [olgaId] } })).body.id;
  inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
  await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { defaultTeamId: teamId } });
  await api(s.url, `/api/v1/teams/${teamId}/routing`, { method: 'PATCH', token: admin, body: { mode: 'round_robin', defaultCapacity: 50 } });
  for (const [title, slug, body] of [
    ['Reset your password', 'reset-password', `Forgot your password? It happens.\n\n${RESET}`],
    ['Shipping times', 'shipping', 'Parcels leave our warehouse within two working days and arrive in three to five days.'],
  ] as const) {
    const a = await api<{ id: string }>(s.url, '/api/v1/articles', { token: admin, body: { title, slug, body } });
    expect((await api(s.url, `/api/v1/articles/${a.body.id}/publish`, { method: 'POST', token: admin })).status).toBe(200);
  }
});
afterAll(async () => {
  for (const c of open) c.close();
  await s.close();
});

async function visitorWrites(body: string, websiteKey = s.websiteKey) {
  const v = await newVisitor(s.url, websiteKey);
  const client = visitorClient(s.wsUrl, websiteKey, v.visitorToken);
  open.push(client);
  await client.waitFor('welcome');
  const { conversationId } = await client.client.send({ body });
  client.client.subscribe(conversationId, 0);
  return { client, conversationId, token: v.visitorToken };
}

const conversation = async (id: string) => (await api<ConversationSummary>(s.url, `/api/v1/conversations/${id}`, { token: admin })).body;
const botAnswer = (c: TestClient) => c.waitFor('message', (f) => (f.message as MessageDto).author.kind === 'bot');
const line = (c: TestClient, body: string) => c.waitFor('message', (f) => f.message.kind === 'event' && f.message.body === body);
const handedOver = async (conversationId: string) => {
  const end = Date.now() + 10_000;
  for (;;) {
    const e = handovers.find((h) => h.conversationId === conversationId);
    if (e) return e;
    if (Date.now() > end) throw new Error('no handover');
    await new Promise((r) => setTimeout(r, 10));
  }
};
/** Routing gave the conversation to the operator online. */
async function assignedToOlga(id: string): Promise<void> {
  const end = Date.now() + 10_000;
  while ((await conversation(id)).assigneeId !== olgaId) {
    if (Date.now() > end) throw new Error('not routed');
    await new Promise((r) => setTimeout(r, 10));
  }
}
const settings = (body: Record<string, unknown>, id = inboxId, token = admin) =>
  api<Record<string, unknown>>(s.url, `/api/v1/inboxes/${id}/virtual-agent`, { method: 'PUT', token, body });

describe('virtual agent', () => {
  it('is off by default, and only admins turn it on', async () => {
    const got = await api(s.url, `/api/v1/inboxes/${inboxId}/virtual-agent`, { token: admin });
    expect(got.body).toEqual({ inboxId, enabled: false, name: 'Virtual agent', maxTurns: 3, threshold: 0.45 });
    // Off: a new conversation goes to people.
    const { conversationId } = await visitorWrites('How do I reset my password?');
    await assignedToOlga(conversationId);
    expect((await settings({ enabled: true, name: 'Ava', maxTurns: 2, threshold: 0.45 }, inboxId, 'not-a-token')).status).toBe(401);
    expect((await settings({ enabled: true, name: 'Ava', maxTurns: 0, threshold: 0.45 })).status).toBe(400);
    const on = await settings({ enabled: true, name: 'Ava', maxTurns: 2, threshold: 0.45 });
    expect(on.status, JSON.stringify(on.body)).toBe(200);
    expect(on.body).toMatchObject({ enabled: true, name: 'Ava', maxTurns: 2 });
  });

  it('answers from an article with its source, then hands over when the visitor asks for a person', async () => {
    const { client, conversationId, token } = await visitorWrites('How do I reset my password?');
    const answer = (await botAnswer(client)).message as MessageDto;
    expect(answer.author).toMatchObject({ kind: 'bot', name: 'Ava' });
    expect(answer.body).toContain(RESET);
    expect(answer.body).toContain('Source: Reset your password');
    // Not the whole article: the best passage.
    expect(answer.body).not.toContain('It happens');
    expect(await conversation(conversationId)).toMatchObject({ assigneeId: null, queuedAt: null });

    // Another visitor cannot hand it over.
    const other = await newVisitor(s.url, s.websiteKey);
    const refused = await api(s.url, `/api/v1/widget/conversations/${conversationId}/handover`, { method: 'POST', token: other.visitorToken });
    expect(refused.status).toBe(404);
    expect(handovers.find((h) => h.conversationId === conversationId)).toBeUndefined();

    const asked = await api<{ handedOver: boolean }>(s.url, `/api/v1/widget/conversations/${conversationId}/handover`, { method: 'POST', token });
    expect(asked.body).toEqual({ handedOver: true });
    await line(client, HANDOVER_LINE);
    expect(await handedOver(conversationId)).toMatchObject({ reason: 'visitor_asked', workspaceId: await workspaceOf(conversationId) });
    await assignedToOlga(conversationId);
    // Asking again changes nothing.
    expect((await api<{ handedOver: boolean }>(s.url, `/api/v1/widget/conversations/${conversationId}/handover`, { method: 'POST', token })).body).toEqual({
      handedOver: false,
    });
  });

  it('answers with the language model’s grounded answer when one is configured, citing its article', async () => {
    const asked: GroundedRequest[] = [];
    s.app.ctx.languageModel = {
      answer: async (req) => {
        asked.push(req);
        return { text: 'Go to Settings → Security → Reset password.', citations: [req.passages[0]!.id] };
      },
    };
    try {
      const { client } = await visitorWrites('How do I reset my password?');
      const answer = (await botAnswer(client)).message as MessageDto;
      expect(answer.body).toBe('Go to Settings → Security → Reset password.\n\nSource: Reset your password');
      // Only the virtual agent asked: reply suggestions do not ask the model while a bot has the conversation.
      expect(asked.map((r) => r.task)).toEqual(['agent']);
      expect(asked[0]).toMatchObject({ task: 'agent', question: 'How do I reset my password?' });
      expect(asked[0]!.passages[0]).toMatchObject({ title: 'Reset your password', text: RESET });
    } finally {
      s.app.ctx.languageModel = noLanguageModel;
    }
  });

  it('hands over when no article answers', async () => {
    const { client, conversationId } = await visitorWrites('Can a zebra play the xylophone?');
    await line(client, HANDOVER_LINE);
    expect((await handedOver(conversationId)).reason).toBe('no_answer');
  });

  it('hands over after its turns', async () => {
    const { client, conversationId } = await visitorWrites('How do I reset my password?');
    await botAnswer(client);
    await client.client.send({ conversationId, body: 'How long does shipping take for parcels?' });
    await client.waitFor('message', (f) => f.message.author.kind === 'bot' && f.message.body.includes('Shipping times'));
    await client.client.send({ conversationId, body: 'And how do I reset my password again?' });
    await line(client, HANDOVER_LINE);
    expect((await handedOver(conversationId)).reason).toBe('turns');
  });

  it('hands over when the mood sours', async () => {
    const { client, conversationId } = await visitorWrites('How do I reset my password?');
    await botAnswer(client);
    s.app.ctx.events.emit({ type: 'mood.soured', workspaceId: await workspaceOf(conversationId), conversationId, confidence: 0.9 });
    await line(client, HANDOVER_LINE);
    expect((await handedOver(conversationId)).reason).toBe('mood');
  });

  it('outside business hours keeps the conversation as an offline message', async () => {
    const put = await api(s.url, `/api/v1/teams/${teamId}/hours`, { method: 'PUT', token: admin, body: { timeZone: 'UTC', weekly: [] } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    try {
      const { client, conversationId } = await visitorWrites('Can a zebra play the xylophone?');
      await line(client, OFFLINE_LINE);
      expect((await handedOver(conversationId)).reason).toBe('offline');
      expect((await conversation(conversationId)).awaitingEmailReply).toBe(true);
    } finally {
      await api(s.url, `/api/v1/teams/${teamId}/hours`, { method: 'DELETE', token: admin });
    }
  });

  it('leaves a webhook bot’s inbox alone, and one inbox has one bot', async () => {
    const second = await api<{ id: string; websiteKey: string }>(s.url, '/api/v1/inboxes', { token: admin, body: { name: 'Shop' } });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const bot = await api(s.url, '/api/v1/bots', {
      token: admin,
      body: { inboxId: second.body.id, name: 'Hook Bot', webhookUrl: 'https://bot.example.com/hook' },
    });
    expect(bot.status, JSON.stringify(bot.body)).toBe(201);
    expect((await settings({ enabled: true, name: 'Ava', maxTurns: 2, threshold: 0.45 }, second.body.id)).status).toBe(409);
    // The virtual agent's inbox takes no webhook bot either.
    expect((await api(s.url, '/api/v1/bots', { token: admin, body: { inboxId, name: 'Hook', webhookUrl: 'https://bot.example.com/x' } })).status).toBe(409);
    const { conversationId, token } = await visitorWrites('How do I reset my password?', second.body.websiteKey);
    await s.app.ctx.articles.settled();
    await new Promise((r) => setTimeout(r, 300));
    const messages = await s.app.ctx.db.selectFrom('messages').select('author_kind').where('conversation_id', '=', conversationId).execute();
    expect(messages.map((m) => m.author_kind)).toEqual(['visitor']);
    expect(handovers.find((h) => h.conversationId === conversationId)).toBeUndefined();
    // "Talk to a person" works under a webhook bot's answers too.
    const asked = await api<{ handedOver: boolean }>(s.url, `/api/v1/widget/conversations/${conversationId}/handover`, { method: 'POST', token });
    expect(asked.body).toEqual({ handedOver: true });
    expect(await handedOver(conversationId)).toMatchObject({ reason: 'visitor_asked', botId: (bot.body as { bot: { id: string } }).bot.id });
  });

  it('turned off, hands its conversations to people and new ones go to the queue', async () => {
    const { client, conversationId } = await visitorWrites('How do I reset my password?');
    await botAnswer(client);
    expect((await settings({ enabled: false, name: 'Ava', maxTurns: 2, threshold: 0.45 })).status).toBe(200);
    expect((await handedOver(conversationId)).reason).toBe('bot');
    const later = await visitorWrites('How do I reset my password?');
    await assignedToOlga(later.conversationId);
  });
});

async function workspaceOf(conversationId: string): Promise<string> {
  const r = await s.app.ctx.db.selectFrom('conversations').select('workspace_id').where('id', '=', conversationId).executeTakeFirstOrThrow();
  return r.workspace_id;
}
