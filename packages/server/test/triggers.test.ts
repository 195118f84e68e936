/**
 * Proactive triggers over HTTP (SQLite): clear refusals of bad rules (field
 * and code), the launcher's look saying when an inbox has triggers, the
 * widget's rules readable by pages allowed to embed the chat only, the
 * impression and the server-side cap, and Reply telling the visitor's chat to
 * open the conversation that starts with the trigger's message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';

let s: TestServer;
let admin: string;
let inboxId: string;
const open: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  admin = await login(s.url);
  inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
});
afterAll(async () => {
  for (const c of open) c.close();
  await s.close();
});

const look = async (headers: Record<string, string> = {}) =>
  (await api<{ tr?: 1 }>(s.url, `/api/v1/widget/look?key=${s.websiteKey}`, { headers: { origin: 'https://shop.example', ...headers } })).body;

describe('triggers over HTTP', () => {
  it('refuses bad rules with the field at fault', async () => {
    const bad = async (body: unknown) =>
      api<{ error: { code: string; details: { path: string }[] } }>(s.url, `/api/v1/inboxes/${inboxId}/triggers`, { token: admin, body });
    const noMessage = await bad({ name: 'Empty', messages: { a: {} } });
    expect(noMessage.status).toBe(400);
    expect(noMessage.body.error.code).toBe('validation_failed');
    expect(noMessage.body.error.details[0]?.path).toBe('messages.a');
    const op = await bad({
      name: 'Op',
      messages: { a: { en: 'Hi' } },
      conditions: { event: { name: 'cart', conditions: [{ property: 'value', op: 'about', value: 1 }] } },
    });
    expect(op.body.error.details[0]?.path).toBe('conditions.event.conditions.0.op');
    expect((await bad({ name: 'Cap', messages: { a: { en: 'Hi' } }, frequency: { per: 'days', days: 0 } })).status).toBe(400);
    expect((await bad({ name: 'Lang', messages: { a: { xx: 'Hi' } } })).status).toBe(400);
    expect((await bad({ name: 'Extra', messages: { a: { en: 'Hi' } }, conditions: { colour: 'red' } })).status).toBe(400);
    expect((await bad({ name: 'Split', messages: { a: { en: 'Hi' }, b: { en: 'Ho' }, split: 100 } })).status).toBe(400);
    const nobody = await bad({ name: 'Sender', messages: { a: { en: 'Hi' } }, sender: { kind: 'operator', operatorId: 'nobody' } });
    expect(nobody.body.error).toMatchObject({ code: 'validation_failed', details: [{ in: 'body', path: 'sender.operatorId' }] });
  });

  it('shows a trigger, caps it on the server, and starts the conversation when the visitor replies', async () => {
    expect((await look()).tr).toBeUndefined();
    const created = await api<{ id: string }>(s.url, `/api/v1/inboxes/${inboxId}/triggers`, {
      token: admin,
      body: { name: 'Lamps', messages: { a: { en: 'Need a hand choosing a lamp?' } }, conditions: { urlPattern: '*/products/*', timeOnPage: 10 } },
    });
    expect(created.status).toBe(201);
    // The look is cached for a minute by browsers; the server answers afresh.
    expect((await look()).tr).toBe(1);

    const rules = await api<{ triggers: { id: string; a: string; sender: { name: string } }[] }>(s.url, `/api/v1/widget/triggers?key=${s.websiteKey}`, {
      headers: { origin: 'https://shop.example', 'accept-language': 'en' },
    });
    expect(rules.status).toBe(200);
    expect(rules.body.triggers).toEqual([expect.objectContaining({ id: created.body.id, a: 'Need a hand choosing a lamp?' })]);

    const v = await newVisitor(s.url, s.websiteKey);
    const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    open.push(client);
    await client.waitFor('welcome');
    const as = { token: v.visitorToken, headers: { 'x-website-key': s.websiteKey } };
    const shown = await api<{ impressionId: string }>(s.url, `/api/v1/widget/triggers/${created.body.id}/impressions`, { ...as, body: { variant: 'a' } });
    expect(shown.status).toBe(201);
    const again = await api<{ error: { code: string; details: { reason: string } } }>(s.url, `/api/v1/widget/triggers/${created.body.id}/impressions`, {
      ...as,
      body: { variant: 'a' },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.details.reason).toBe('capped');

    const reply = await api<{ conversationId: string; started: boolean }>(s.url, `/api/v1/widget/trigger-impressions/${shown.body.impressionId}/reply`, {
      ...as,
      body: { language: 'en' },
    });
    expect(reply.body.started).toBe(true);
    const invite = await client.waitFor('invite');
    expect(invite).toMatchObject({ conversationId: reply.body.conversationId });
    const history = await api<{ messages: { body: string; author: { kind: string } }[] }>(
      s.url,
      `/api/v1/widget/conversations/${reply.body.conversationId}/messages`,
      as,
    );
    expect(history.body.messages.map((m) => [m.author.kind, m.body])).toEqual([['bot', 'Need a hand choosing a lamp?']]);

    const stats = await api<{ shown: number; replied: number; replyRate: number }>(s.url, `/api/v1/triggers/${created.body.id}/stats`, { token: admin });
    expect(stats.body).toMatchObject({ shown: 1, replied: 1, replyRate: 1 });
    const list = await api<{ items: { stats: { shown: number } }[] }>(s.url, `/api/v1/inboxes/${inboxId}/triggers`, { token: admin });
    expect(list.body.items[0]?.stats.shown).toBe(1);

    // Pages outside the inbox's allowed origins cannot read the rules.
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { settings: { allowedOrigins: ['https://shop.example'] } } });
    const elsewhere = await api(s.url, `/api/v1/widget/triggers?key=${s.websiteKey}`, { headers: { origin: 'https://evil.example' } });
    expect(elsewhere.status).toBe(403);
  });
});
