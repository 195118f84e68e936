/**
 * The forms through the HTTP API and the realtime protocol: what the widget's
 * session says (an operator available or not, the offline and pre-chat forms
 * in the visitor's language), the `availability` frame after `welcome` and
 * whenever the last operator goes or the first comes back (on one node, and
 * across two nodes through Redis), the routes' answers and refusals, and the
 * conversation as operators receive it (waiting for an email reply, the team).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, hasRedis, PG_URL, REDIS_URL, uniqueName } from '../../../test/support/services.js';
import { ManualClock } from '../src/clock.js';
import { OFFLINE_GRACE_MS } from '../src/realtime/presence.js';

interface Session {
  visitorToken: string;
  inbox: { forms: { available: boolean; offline: { intro: string | null; fields: { key: string; label: string | null }[] } | null; preChat: unknown } };
}

const clock = new ManualClock(Date.now());
let s: TestServer;
let admin: string;
let inboxId: string;
const clients: TestClient[] = [];
beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  admin = await login(s.url);
  inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await s.close();
});

const session = async (language?: string) =>
  (await api<Session>(s.url, '/api/v1/widget/session', { body: { websiteKey: s.websiteKey, ...(language ? { language } : {}) } })).body;
const asVisitor = (token: string) => ({ authorization: `Bearer ${token}`, 'x-website-key': s.websiteKey });
const watch = (c: TestClient) => {
  clients.push(c);
  return c;
};
const availabilities = (c: TestClient) => c.frames.flatMap((f) => (f.type === 'availability' ? [f.available] : []));

describe('availability', () => {
  it('is in the session answer, after welcome, and live when the first operator comes and the last goes (away counts as gone)', async () => {
    const before = await session();
    expect(before.inbox.forms.available).toBe(false);
    const visitor = watch(visitorClient(s.wsUrl, s.websiteKey, before.visitorToken));
    await visitor.waitFor('welcome');
    await visitor.waitFor('availability');
    expect(availabilities(visitor)).toEqual([false]);

    const console = watch(operatorClient(s.wsUrl, admin));
    await console.waitFor('welcome');
    await visitor.waitFor('availability', (f) => f.available);
    expect((await session()).inbox.forms.available).toBe(true);

    console.client.sendVolatile({ type: 'presence', status: 'away' });
    await visitor.waitFor('availability', (f) => !f.available && availabilities(visitor).length === 3);
    console.client.sendVolatile({ type: 'presence', status: 'online' });
    await visitor.waitFor('availability', (f) => f.available && availabilities(visitor).length === 4);

    // The console closes: the operator stays available through the grace period (a reload), then is gone.
    console.close();
    await clock.advance(OFFLINE_GRACE_MS - 1000);
    expect(availabilities(visitor)).toEqual([false, true, false, true]);
    await clock.advance(2000);
    await visitor.waitFor('availability', () => availabilities(visitor).length === 5);
    expect(availabilities(visitor)).toEqual([false, true, false, true, false]);
    expect((await session()).inbox.forms.available).toBe(false);
  });
});

describe('the forms in the session answer', () => {
  it('offers the offline form with the inbox’s own words in the visitor’s language, and nothing when turned off', async () => {
    await api(s.url, `/api/v1/inboxes/${inboxId}`, {
      method: 'PATCH',
      token: admin,
      body: { settings: { translations: { de: { offlineMessage: 'Gerade ist niemand da.', labels: { email: 'Ihre E-Mail-Adresse' } } } } },
    });
    const de = (await session('de')).inbox.forms;
    expect(de.offline).toEqual({
      intro: 'Gerade ist niemand da.',
      fields: [
        { key: 'name', kind: 'name', label: null, required: false },
        { key: 'email', kind: 'email', label: 'Ihre E-Mail-Adresse', required: true },
        { key: 'message', kind: 'message', label: null, required: true },
      ],
    });
    expect((await session('fr')).inbox.forms.offline?.intro).toBeNull();
    expect(de.preChat).toBeNull();
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { settings: { offlineForm: false } } });
    expect((await session('de')).inbox.forms.offline).toBeNull();
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { settings: { offlineForm: true } } });
  });
});

describe('the routes', () => {
  it('refuse with validation_failed and one detail per field with its code', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const r = await api<{ error: { code: string; details: { path: string; code: string; message: string }[] } }>(s.url, '/api/v1/widget/offline-message', {
      headers: asVisitor(v.visitorToken),
      body: { clientId: 'x1', email: 'nobody@', message: '' },
    });
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('validation_failed');
    expect(r.body.error.details).toEqual([
      { in: 'body', path: 'email', code: 'invalid_email', message: 'Enter an email address such as name@example.com' },
      { in: 'body', path: 'message', code: 'required', message: 'Fill in this field' },
    ]);
  });

  it('start a conversation operators receive live, waiting for an email reply, and that a second send does not repeat', async () => {
    const console = watch(operatorClient(s.wsUrl, admin));
    await console.waitFor('welcome');
    const v = await newVisitor(s.url, s.websiteKey);
    const body = { clientId: 'offline-http-1', name: 'Maya Chen', email: 'maya@example.com', message: 'Can you call me back tomorrow?' };
    const first = await api<{ conversation: { id: string; awaitingEmailReply: boolean }; duplicate: boolean; replyTo: string; message: { html: string } }>(
      s.url,
      '/api/v1/widget/offline-message',
      { headers: asVisitor(v.visitorToken), body },
    );
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ duplicate: false, replyTo: 'maya@example.com', conversation: { awaitingEmailReply: true } });
    expect(first.body.message.html).toContain('Can you call me back tomorrow?');
    const id = first.body.conversation.id;
    // RealtimeClient unpacks the batched summaries (summary-pack.ts): the flag travels packed.
    const live = await console.waitFor('conversation', (f) => f.conversation.id === id);
    expect(live.conversation).toMatchObject({ awaitingEmailReply: true, contact: { name: 'Maya Chen', email: 'maya@example.com' } });

    const again = await api<{ conversation: { id: string }; duplicate: boolean }>(s.url, '/api/v1/widget/offline-message', {
      headers: asVisitor(v.visitorToken),
      body,
    });
    expect(again.body).toMatchObject({ duplicate: true, conversation: { id } });
    const listed = await api<{ items: { id: string; awaitingEmailReply: boolean }[] }>(s.url, '/api/v1/conversations?view=all&limit=100', { token: admin });
    expect(listed.body.items.filter((c) => c.id === id)).toEqual([expect.objectContaining({ awaitingEmailReply: true })]);
    expect(listed.body.items.filter((c) => c.awaitingEmailReply)).toHaveLength(1);
  });

  it('puts the team a visitor chose on the conversation, and shows operators the consent on the contact', async () => {
    const team = await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Billing' } });
    const saved = await api(s.url, `/api/v1/inboxes/${inboxId}`, {
      method: 'PATCH',
      token: admin,
      body: {
        settings: {
          preChat: {
            enabled: true,
            fields: [
              { type: 'name', required: true },
              { type: 'team', required: true, choices: [{ teamId: team.body.id, label: 'Invoices and payments' }] },
              { type: 'consent', text: 'I agree to the privacy policy.' },
            ],
          },
        },
      },
    });
    expect(saved.status).toBe(200);
    const shown = (await session()).inbox.forms.preChat;
    expect(shown).toMatchObject({
      fields: [
        { key: 'name', kind: 'name', required: true },
        { key: 'team', kind: 'team', options: [{ value: team.body.id, label: 'Invoices and payments' }] },
        { key: 'consent', kind: 'consent', label: 'I agree to the privacy policy.', required: true },
        { key: 'message', kind: 'message', required: true },
      ],
    });
    const v = await newVisitor(s.url, s.websiteKey);
    const r = await api<{ conversation: { id: string; teamId: string; contact: { id: string } } }>(s.url, '/api/v1/widget/pre-chat', {
      headers: asVisitor(v.visitorToken),
      body: { clientId: 'pre-http-1', name: 'Olu', team: team.body.id, consent: true, message: 'My invoice is wrong' },
    });
    expect(r.status).toBe(201);
    expect(r.body.conversation.teamId).toBe(team.body.id);
    const contact = await api<{ name: string; consent: { text: string; givenAt: number } }>(s.url, `/api/v1/contacts/${r.body.conversation.contact.id}`, {
      token: admin,
    });
    expect(contact.body).toMatchObject({ name: 'Olu', consent: { text: 'I agree to the privacy policy.', givenAt: clock.now() } });
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { settings: { preChat: { enabled: false, fields: [] } } } });
  });
});

describe.runIf(hasPostgres && hasRedis)('availability across two nodes (PostgreSQL and Redis)', () => {
  let a: TestServer;
  let b: TestServer;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const pg = await createPgSchema();
    drop = pg.drop;
    const env = { DATABASE_URL: PG_URL, DATABASE_SCHEMA: pg.schema, REDIS_URL, REDIS_PREFIX: `${uniqueName('avail')}:` };
    a = await startTestServer({ env });
    b = await startTestServer({ env });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await drop?.();
  });

  it('tells a visitor on node B when the operator on node A comes, goes away and comes back', async () => {
    const v = await newVisitor(b.url, b.websiteKey);
    const visitor = watch(visitorClient(b.wsUrl, b.websiteKey, v.visitorToken));
    await visitor.waitFor('availability');
    expect(availabilities(visitor)).toEqual([false]);
    const console = watch(operatorClient(a.wsUrl, await login(a.url)));
    await console.waitFor('welcome');
    await visitor.waitFor('availability', (f) => f.available);
    const onB = await api<Session>(b.url, '/api/v1/widget/session', { body: { websiteKey: b.websiteKey } });
    expect(onB.body.inbox.forms.available).toBe(true);
    console.client.sendVolatile({ type: 'presence', status: 'away' });
    await visitor.waitFor('availability', () => availabilities(visitor).length === 3);
    console.client.sendVolatile({ type: 'presence', status: 'online' });
    await visitor.waitFor('availability', () => availabilities(visitor).length === 4);
    expect(availabilities(visitor)).toEqual([false, true, false, true]);
  });
});
