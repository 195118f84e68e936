/** Labels, snooze and the inbox views with their counts, over the HTTP API and the realtime protocol. */
import type { ConversationSummary, MessageDto } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';

let s: TestServer;
let token: string;
beforeAll(async () => {
  s = await startTestServer();
  token = await login(s.url);
});
afterAll(() => s.close());

async function conversation(body = 'Hello') {
  const v = await newVisitor(s.url, s.websiteKey);
  const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await c.waitFor('welcome');
  const ack = await c.client.send({ body });
  return { ...v, client: c, id: ack.conversationId };
}
const get = async (id: string) => (await api<ConversationSummary>(s.url, `/api/v1/conversations/${id}`, { token })).body;
const history = async (id: string) => (await api<{ messages: MessageDto[] }>(s.url, `/api/v1/conversations/${id}/messages`, { token })).body.messages;
const list = async (q: string) => (await api<{ items: ConversationSummary[] }>(s.url, `/api/v1/conversations?${q}`, { token })).body.items.map((c) => c.id);

describe('labels', () => {
  it('are the workspace’s, with unique names whatever their case', async () => {
    const made = await api<{ id: string; name: string; color: string }>(s.url, '/api/v1/labels', { token, body: { name: 'Billing', color: '#d92d20' } });
    expect(made).toMatchObject({ status: 201, body: { name: 'Billing', color: '#d92d20' } });
    expect((await api(s.url, '/api/v1/labels', { token, body: { name: 'billing' } })).status).toBe(409);
    const renamed = await api(s.url, `/api/v1/labels/${made.body.id}`, { method: 'PATCH', token, body: { name: 'Billing & refunds' } });
    expect(renamed.body).toMatchObject({ name: 'Billing & refunds', color: '#d92d20' });
  });

  it('go on and off a conversation with one system line, filter the list, and stay with the team', async () => {
    const vip = (await api<{ id: string }>(s.url, '/api/v1/labels', { token, body: { name: 'VIP' } })).body.id;
    const urgent = (await api<{ id: string }>(s.url, '/api/v1/labels', { token, body: { name: 'Urgent' } })).body.id;
    const c = await conversation('Where is my order?');
    const other = await conversation('Just browsing');
    const added = await api<{ conversation: ConversationSummary; message: MessageDto }>(s.url, `/api/v1/conversations/${c.id}/labels`, {
      token,
      body: { add: [vip, urgent] },
    });
    expect(added.body.conversation.labels).toEqual([vip, urgent]);
    expect(added.body.message).toMatchObject({ kind: 'event', body: 'Labels added VIP, Urgent by Admin', event: { type: 'labels', added: ['VIP', 'Urgent'] } });
    // Nothing to change: no line.
    const again = await api<{ message: MessageDto | null }>(s.url, `/api/v1/conversations/${c.id}/labels`, { token, body: { add: [vip] } });
    expect(again.body.message).toBeNull();
    await api(s.url, `/api/v1/conversations/${c.id}/labels`, { token, body: { remove: [urgent] } });
    expect((await get(c.id)).labels).toEqual([vip]);
    expect((await history(c.id)).at(-1)?.body).toBe('Labels removed Urgent by Admin');
    expect(await list(`view=all&status=open&label=${vip}`)).toEqual([c.id]);
    expect(await list('view=all&status=open')).toEqual(expect.arrayContaining([c.id, other.id]));
    expect((await api(s.url, `/api/v1/conversations/${c.id}/labels`, { token, body: { add: ['no-such-label'] } })).status).toBe(400);
    // The visitor never learns the team's labels.
    const widget = await api<{ items: ConversationSummary[] }>(s.url, '/api/v1/widget/conversations', {
      token: c.visitorToken,
      headers: { 'x-website-key': s.websiteKey },
    });
    expect(widget.body.items[0]?.labels).toEqual([]);
    c.client.close();
    other.client.close();
  });

  it('leave every conversation when deleted, and consoles hear of it', async () => {
    const temp = (await api<{ id: string }>(s.url, '/api/v1/labels', { token, body: { name: 'Temporary' } })).body.id;
    const c = await conversation();
    await api(s.url, `/api/v1/conversations/${c.id}/labels`, { token, body: { add: [temp] } });
    const console = operatorClient(s.wsUrl, token);
    await console.waitFor('welcome');
    expect((await api(s.url, `/api/v1/labels/${temp}`, { method: 'DELETE', token })).status).toBe(204);
    expect((await get(c.id)).labels).toEqual([]);
    await console.waitFor('label', (f) => f.label.id === temp && f.deleted);
    await console.waitFor('conversation', (f) => f.conversation.id === c.id && f.conversation.labels.length === 0);
    console.close();
    c.client.close();
  });
});

describe('snooze', () => {
  it('takes a conversation out of the inbox until the visitor writes, then wakes it with a line', async () => {
    const c = await conversation('I will check and come back');
    const snoozed = await api<{ conversation: ConversationSummary }>(s.url, `/api/v1/conversations/${c.id}/snooze`, { token, body: { until: null } });
    expect(snoozed.body.conversation).toMatchObject({ status: 'snoozed', snoozedUntil: null });
    expect(await list('view=snoozed')).toContain(c.id);
    expect(await list('view=all&status=open')).not.toContain(c.id);
    await c.client.client.send({ conversationId: c.id, body: 'I am back' });
    const woken = await get(c.id);
    expect(woken).toMatchObject({ status: 'open', snoozedUntil: null });
    expect((await history(c.id)).slice(-2).map((m) => m.body)).toEqual(['Woken up by the visitor’s message', 'I am back']);
    c.client.close();
  });

  it('refuses a time in the past, and an operator wakes it by reopening', async () => {
    const c = await conversation();
    expect((await api(s.url, `/api/v1/conversations/${c.id}/snooze`, { token, body: { until: Date.now() - 1000 } })).status).toBe(400);
    const until = Date.now() + 3600_000;
    const r = await api<{ conversation: ConversationSummary; message: MessageDto }>(s.url, `/api/v1/conversations/${c.id}/snooze`, { token, body: { until } });
    expect(r.body.conversation.snoozedUntil).toBe(until);
    expect(r.body.message.event).toMatchObject({ type: 'status', status: 'snoozed', until });
    const reopened = await api<{ conversation: ConversationSummary; message: MessageDto }>(s.url, `/api/v1/conversations/${c.id}/status`, {
      token,
      body: { status: 'open' },
    });
    expect(reopened.body.conversation).toMatchObject({ status: 'open', snoozedUntil: null });
    expect(reopened.body.message.body).toBe('Woken up by Admin');
    c.client.close();
  });
});

describe('views and their counts', () => {
  it('count what each view lists, and follow changes', async () => {
    const before = (await api<Record<'mine' | 'all' | 'unassigned' | 'resolved', number>>(s.url, '/api/v1/conversations/counts', { token })).body;
    const a = await conversation();
    const b = await conversation();
    const me = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token })).body.id;
    await api(s.url, `/api/v1/conversations/${a.id}/assign`, { token, body: { operatorId: me } });
    await api(s.url, `/api/v1/conversations/${b.id}/status`, { token, body: { status: 'resolved' } });
    const after = (await api<Record<string, number>>(s.url, '/api/v1/conversations/counts', { token })).body;
    expect(after.mine).toBe(before.mine + 1);
    expect(after.all).toBe(before.all + 1);
    expect(after.unassigned).toBe(before.unassigned);
    expect(after.resolved).toBe(before.resolved + 1);
    expect(await list('view=resolved')).toContain(b.id);
    expect(await list('view=mine&status=open')).toContain(a.id);
    a.client.close();
    b.client.close();
  });
});
