/**
 * Conversation summaries (G4) end to end on one node (SQLite): a transfer
 * makes a summary that the receiving team's operator gets as a frame (and an
 * operator of another team never does, nor may read it), resolving stores
 * one, a bot's handover stores one, "Summarize" makes one on request, and
 * the workspace's language model writes it when it answers.
 */
import type { ConversationSummaryDto, ServerFrame } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { noLanguageModel } from '../src/language-model/language-model.js';

const password = 'lantern-orchard-basalt';
let s: TestServer;
let admin: string;
const ops: Record<string, { id: string; token: string; console: TestClient }> = {};
let support: string;
let tier2: string;
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  admin = await login(s.url);
  for (const name of ['Ana Alves', 'Bo Berg', 'Cy Cole']) {
    const email = `${name.split(' ')[0]!.toLowerCase()}@example.com`;
    const r = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: admin, body: { email, name, password, role: 'operator' } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const token = await login(s.url, { email, password });
    const c = operatorClient(s.wsUrl, token);
    await c.waitFor('welcome');
    ops[name.split(' ')[0]!] = { id: r.body.operator.id, token, console: c };
  }
  const team = async (name: string, memberIds: string[]) =>
    (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name, memberIds } })).body.id;
  support = await team('Support', [ops.Ana!.id]);
  tier2 = await team('Tier 2', [ops.Bo!.id]);
  await team('Sales', [ops.Cy!.id]);
});
afterAll(async () => {
  for (const c of [...open, ...Object.values(ops).map((o) => o.console)]) c.close();
  await s.close();
});

/** A visitor's conversation in Support, assigned to Ana, who answered once; the visitor asked again. */
async function anasConversation() {
  const v = await newVisitor(s.url, s.websiteKey);
  const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  open.push(visitor);
  await visitor.waitFor('welcome');
  const { conversationId } = await visitor.client.send({ body: 'Hi! My order #4521 never arrived, but the tracking page says it was delivered on Monday.' });
  expect((await api(s.url, `/api/v1/conversations/${conversationId}/team`, { token: admin, body: { teamId: support } })).status).toBe(200);
  expect((await api(s.url, `/api/v1/conversations/${conversationId}/assign`, { token: admin, body: { operatorId: ops.Ana!.id } })).status).toBe(200);
  const reply = await api(s.url, `/api/v1/conversations/${conversationId}/messages`, {
    token: ops.Ana!.token,
    body: { body: 'I have checked the tracking of order #4521: the courier marked it delivered at 14:02.' },
  });
  expect(reply.status).toBe(201);
  await visitor.client.send({ conversationId, body: 'Can you send me a replacement for the order?' });
  visitors.set(conversationId, visitor);
  return conversationId;
}
const visitors = new Map<string, TestClient>();

const summaries = (id: string, token: string) => api<{ items: ConversationSummaryDto[] }>(s.url, `/api/v1/conversations/${id}/summaries`, { token });
async function latest(id: string, reason: ConversationSummaryDto['reason']): Promise<ConversationSummaryDto> {
  await expect.poll(async () => (await summaries(id, admin)).body.items[0]?.reason).toBe(reason);
  return (await summaries(id, admin)).body.items[0]!;
}
const summaryFrames = (c: TestClient, conversationId: string) =>
  c.frames.filter((f: ServerFrame) => f.type === 'summary' && f.conversationId === conversationId);

describe('conversation summaries', () => {
  it('a transfer makes a summary the receiving team’s operator gets as a frame; another team’s operator gets nothing and a 404', async () => {
    const conversationId = await anasConversation();
    const r = await api(s.url, `/api/v1/conversations/${conversationId}/transfer`, { token: ops.Ana!.token, body: { teamId: tier2 } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const frame = await ops.Bo!.console.waitFor('summary', (f) => f.conversationId === conversationId);
    const summary = frame.summary;
    expect(summary).toMatchObject({ conversationId, reason: 'transfer', source: 'extractive', createdBy: ops.Ana!.id });
    expect(summary.problem.join(' ')).toContain('never arrived');
    expect(summary.done.join(' ')).toContain('I have checked the tracking of order #4521');
    expect(summary.done).toContain('Transferred to Tier 2 by Ana Alves');
    expect(summary.pending).toEqual(['Can you send me a replacement for the order?']);
    // Stored, latest first, for who may see the conversation.
    const bo = await summaries(conversationId, ops.Bo!.token);
    expect(bo.status).toBe(200);
    expect(bo.body.items[0]).toEqual(summary);
    expect((await summaries(conversationId, ops.Cy!.token)).status).toBe(404);
    expect((await api(s.url, `/api/v1/conversations/${conversationId}/summaries`, { token: ops.Cy!.token, body: {} })).status).toBe(404);
    // On request, Bo's summary reaches Bo; by then Cy would have had the transfer's too, had it been sent to him.
    const asked = await api<ConversationSummaryDto>(s.url, `/api/v1/conversations/${conversationId}/summaries`, { token: ops.Bo!.token, body: {} });
    expect(asked.status).toBe(201);
    await ops.Bo!.console.waitFor('summary', (f) => f.summary.id === asked.body.id);
    expect(summaryFrames(ops.Cy!.console, conversationId)).toEqual([]);
    // The visitor's widget never hears of summaries.
    expect(visitors.get(conversationId)!.frames.filter((f) => f.type === 'summary')).toEqual([]);
    expect(JSON.stringify(visitors.get(conversationId)!.frames)).not.toContain('Transferred to Tier 2 by Ana Alves');
    expect(summaryFrames(ops.Bo!.console, conversationId).length).toBeGreaterThanOrEqual(2);
  });

  it('resolving stores a summary; so do a bot’s handover and an escalation', async () => {
    const conversationId = await anasConversation();
    const r = await api(s.url, `/api/v1/conversations/${conversationId}/status`, { token: ops.Ana!.token, body: { status: 'resolved' } });
    expect(r.status).toBe(200);
    const resolved = await latest(conversationId, 'resolve');
    expect(resolved.createdBy).toBe(ops.Ana!.id);
    expect(resolved.done.join(' ')).toContain('Resolved');
    const { workspace_id: workspaceId } = await s.app.ctx.db
      .selectFrom('conversations')
      .select('workspace_id')
      .where('id', '=', conversationId)
      .executeTakeFirstOrThrow();
    s.app.ctx.events.emit({ type: 'conversation.handed_over', workspaceId, conversationId, botId: 'bot-1', reason: 'visitor_asked' });
    const handover = await latest(conversationId, 'handover');
    expect(handover.createdBy).toBeNull();
    s.app.ctx.events.emit({
      type: 'conversation.escalated',
      workspaceId,
      conversationId,
      teamId: tier2,
      operatorId: null,
      reason: 'Refund over the limit',
      by: { kind: 'operator', id: ops.Ana!.id, name: 'Ana Alves' },
    });
    expect((await latest(conversationId, 'escalation')).createdBy).toBe(ops.Ana!.id);
    expect((await summaries(conversationId, admin)).body.items.map((i) => i.reason)).toEqual(['escalation', 'handover', 'resolve']);
  });

  it('is kept with the record: the team’s transcript and the CSV export carry the latest summary', async () => {
    const conversationId = await anasConversation();
    await api(s.url, `/api/v1/conversations/${conversationId}/status`, { token: ops.Ana!.token, body: { status: 'resolved' } });
    const summary = await latest(conversationId, 'resolve');
    const text = await (
      await fetch(`${s.url}/api/v1/conversations/${conversationId}/transcript?format=text`, { headers: { authorization: `Bearer ${admin}` } })
    ).text();
    expect(text).toMatch(/Summary \(on resolve, .+\)\nProblem:\n {2}- My order #4521 never arrived/);
    expect(text).toContain('Pending:\n  - Can you send me a replacement for the order?');
    const html = await (await fetch(`${s.url}/api/v1/conversations/${conversationId}/transcript`, { headers: { authorization: `Bearer ${admin}` } })).text();
    expect(html).toContain('<section class="summary" aria-label="Conversation summary">');
    const csv = await (await fetch(`${s.url}/api/v1/conversations/export?view=resolved`, { headers: { authorization: `Bearer ${admin}` } })).text();
    const row = csv.split('\r\n').find((l) => l.startsWith(conversationId));
    expect(row).toContain(`Problem: ${summary.problem.join(' ')} | Done: `);
  });

  it('on request: "Summarize" answers with the summary, written by the language model when it answers with citations', async () => {
    const conversationId = await anasConversation();
    const extractive = await api<ConversationSummaryDto>(s.url, `/api/v1/conversations/${conversationId}/summaries`, { token: ops.Ana!.token, body: {} });
    expect(extractive.status).toBe(201);
    expect(extractive.body).toMatchObject({ reason: 'request', source: 'extractive', createdBy: ops.Ana!.id });
    const asked: string[] = [];
    s.app.ctx.languageModel = {
      answer: async (req) => {
        asked.push(`${req.task}: ${req.passages.map((p) => `[${p.id}] ${p.text}`).join(' ')}`);
        return { text: 'Problem: The parcel never arrived.\nDone: Tracking checked.\nPending: Nothing', citations: [req.passages[0]!.id] };
      },
    };
    try {
      const model = await api<ConversationSummaryDto>(s.url, `/api/v1/conversations/${conversationId}/summaries`, { token: ops.Ana!.token, body: {} });
      expect(model.body).toMatchObject({ source: 'model', problem: ['The parcel never arrived.'], done: ['Tracking checked.'], pending: [] });
      expect(asked).toHaveLength(1);
      expect(asked[0]).toMatch(/^summary: \[1\] Hi! My order #4521 never arrived.* \[\d+\] Can you send me a replacement/);
    } finally {
      s.app.ctx.languageModel = noLanguageModel;
    }
  });
});
