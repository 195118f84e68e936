/**
 * The console's article search and insertion (F3) over HTTP: suggestions from
 * the words typed or from the conversation's last visitor messages, absolute
 * public addresses from PUBLIC_URL, the visitor's language first, only
 * published articles, only conversations the operator may see, and each
 * insertion recorded as an 'inserted' article event.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';

interface Suggestion {
  id: string;
  title: string;
  description: string;
  excerpt: string;
  url: string;
  locale: string;
  coverage: number;
}

let s: TestServer;
let token: string;
let conversationId: string;
let visitorId: string;
const ids: Record<string, string> = {};

async function article(key: string, a: { title: string; slug: string; body: string; locale?: string; description?: string }, publish = true) {
  const r = await api<{ id: string }>(s.url, '/api/v1/articles', {
    token,
    body: { description: '', locale: 'en', categoryId: null, translationOf: null, ...a },
  });
  expect(r.status).toBe(201);
  if (publish) expect((await api(s.url, `/api/v1/articles/${r.body.id}/publish`, { token, body: {} })).status).toBe(200);
  ids[key] = r.body.id;
}

const suggest = async (query: string) => api<{ items: Suggestion[] }>(s.url, `/api/v1/articles/suggest?${query}`, { token });

beforeAll(async () => {
  s = await startTestServer({ env: { PUBLIC_URL: 'https://chat.shop.test' } });
  token = await login(s.url);
  await article('refunds', {
    title: 'Refunds',
    slug: 'refunds',
    description: 'Money back on an order',
    body: 'You can ask for a refund within 30 days of delivery.\n\nThe refund reaches your card in five working days.',
  });
  await article('shipping', { title: 'Shipping times', slug: 'shipping', body: 'Parcels ship within two days and arrive within a week.' });
  await article('fr', {
    title: 'Remboursements',
    slug: 'remboursements',
    locale: 'fr',
    body: 'Demandez un remboursement (refund) dans les 30 jours après la livraison.',
  });
  await article('draft', { title: 'Refund secrets', slug: 'refund-secrets', body: 'A refund draft nobody should see.' }, false);
  const v = await newVisitor(s.url, s.websiteKey);
  visitorId = v.visitorId;
  const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await c.waitFor('welcome');
  conversationId = (await c.client.send({ body: 'Hello there' })).conversationId;
  await c.client.send({ body: 'How do I get a refund for my order?' });
  c.close();
  await s.app.ctx.articles.settled();
});
afterAll(async () => {
  await s.close();
});

describe('GET /api/v1/articles/suggest', () => {
  it('finds published articles for the words typed, with absolute public addresses', async () => {
    const r = await suggest('q=how long does shipping take');
    expect(r.status).toBe(200);
    expect(r.body.items[0]).toMatchObject({ id: ids.shipping, title: 'Shipping times', locale: 'en' });
    expect(r.body.items[0]!.url).toBe(`https://chat.shop.test/help/${await workspaceId()}/en/shipping`);
    expect(r.body.items[0]!.excerpt).toContain('Parcels ship');
    expect(r.body.items[0]!.coverage).toBeGreaterThan(0);
  });

  it('with a conversation and no words, asks with the visitor’s last messages; never a draft', async () => {
    const r = await suggest(`conversationId=${conversationId}`);
    expect(r.status).toBe(200);
    expect(r.body.items[0]?.id).toBe(ids.refunds);
    expect(r.body.items.map((i) => i.id)).not.toContain(ids.draft);
    expect(r.body.items.length).toBeLessThanOrEqual(8);
  });

  it('prefers the visitor’s language when known, unless a locale is asked for', async () => {
    await s.app.ctx.db.updateTable('visitors').set({ locale: 'fr-FR' }).where('id', '=', visitorId).execute();
    const fr = await suggest(`conversationId=${conversationId}`);
    expect(fr.body.items.map((i) => i.id)).toEqual([ids.fr]);
    const en = await suggest(`conversationId=${conversationId}&locale=en`);
    expect(en.body.items[0]?.id).toBe(ids.refunds);
    await s.app.ctx.db.updateTable('visitors').set({ locale: null }).where('id', '=', visitorId).execute();
  });

  it('answers nothing with no words and no conversation; refuses a conversation it cannot see and bad input', async () => {
    expect((await suggest('')).body.items).toEqual([]);
    expect((await suggest('conversationId=nope')).status).toBe(404);
    expect((await suggest('locale=<script>')).status).toBe(400);
    expect((await suggest(`q=${'x'.repeat(501)}`)).status).toBe(400);
  });
});

describe('POST /api/v1/articles/:id/inserted', () => {
  it('records an inserted event from the console, with the operator and the conversation', async () => {
    const r = await api(s.url, `/api/v1/articles/${ids.refunds}/inserted`, { token, body: { conversationId, what: 'excerpt' } });
    expect(r.status).toBe(204);
    const rows = await s.app.ctx.db.selectFrom('article_events').selectAll().where('article_id', '=', ids.refunds!).execute();
    const me = await api<{ id: string }>(s.url, '/api/v1/auth/me', { token });
    expect(rows).toEqual([
      expect.objectContaining({ kind: 'inserted', source: 'console', operator_id: me.body.id, conversation_id: conversationId, visitor_id: null }),
    ]);
  });

  it('refuses a draft, an unknown article or conversation, and an unknown kind of insertion', async () => {
    const post = (id: string, body: unknown) => api(s.url, `/api/v1/articles/${id}/inserted`, { token, body });
    expect((await post(ids.draft!, { conversationId, what: 'link' })).status).toBe(404);
    expect((await post('nope', { conversationId, what: 'link' })).status).toBe(404);
    expect((await post(ids.refunds!, { conversationId: 'nope', what: 'link' })).status).toBe(404);
    expect((await post(ids.refunds!, { conversationId, what: 'everything' })).status).toBe(400);
    expect((await post(ids.refunds!, {})).status).toBe(400);
  });
});

async function workspaceId(): Promise<string> {
  return (await s.app.ctx.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
}
