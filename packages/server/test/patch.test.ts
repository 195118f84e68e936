/**
 * A partial update changes only what it names, on every PATCH route: each is
 * sent a one-field body for each of its fields, and every other field must
 * come back (and stay stored) as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';

let s: TestServer;
let owner: string;
beforeAll(async () => {
  s = await startTestServer();
  owner = await login(s.url);
});
afterAll(() => s.close());

type Json = Record<string, unknown>;

interface Case {
  /** Creates the thing and returns its id. */
  create(): Promise<string>;
  get(id: string): Promise<Json>;
  /** One-field bodies, each with a value different from the current one. */
  bodies: Json[];
}

const patch = (path: string, body: Json) => api<Json>(s.url, path, { method: 'PATCH', token: owner, body });
const get = async (path: string) => (await api<Json>(s.url, path, { token: owner })).body;

/** Every field of `before` that the body does not name is equal in `after` (nested objects field by field). */
function expectOnlyChanged(before: Json, after: Json, body: Json): void {
  for (const [key, value] of Object.entries(before)) {
    // The time of the last change is the one field every change moves.
    if (key === 'updatedAt') continue;
    const sent = body[key];
    if (sent === undefined) expect(after[key], `${key} changed`).toEqual(value);
    else if (sent && typeof sent === 'object' && !Array.isArray(sent)) expectOnlyChanged(value as Json, after[key] as Json, sent as Json);
    else expect(after[key]).toEqual(sent);
  }
}

const cases: Record<string, Case> = {
  '/api/v1/webhooks/:id': {
    async create() {
      // Loopback literals: refused by the guard (private targets are off), so nothing is ever sent.
      const body = { url: 'http://127.0.0.1:9/a', description: 'CRM', eventTypes: ['contact.created'], enabled: false };
      return (await api<{ endpoint: { id: string } }>(s.url, '/api/v1/webhooks', { token: owner, body })).body.endpoint.id;
    },
    get: async (id) => ((await get('/api/v1/webhooks')).items as Json[]).find((e) => e.id === id)!,
    bodies: [{ url: 'http://127.0.0.1:9/b' }, { description: 'Billing' }, { eventTypes: ['message.created', 'contact.updated'] }, { enabled: true }],
  },
  '/api/v1/rules/:id': {
    async create() {
      const body = { name: 'VIP', event: { type: 'conversation_created' }, actions: [{ type: 'set_priority', priority: 'high' }] };
      return (await api<{ id: string }>(s.url, '/api/v1/rules', { token: owner, body })).body.id;
    },
    get: async (id) => ((await get('/api/v1/rules')).items as Json[]).find((r) => r.id === id)!,
    bodies: [
      { name: 'VIP customers' },
      { enabled: false },
      { event: { type: 'waited', minutes: 5 } },
      { conditions: [{ field: 'priority', op: 'is_not', priority: 'urgent' }] },
      { actions: [{ type: 'set_priority', priority: 'urgent' }] },
    ],
  },
  '/api/v1/triggers/:id': {
    async create() {
      const inboxId = ((await get('/api/v1/inboxes')).items as Json[])[0]!.id as string;
      const body = { name: 'Lamps', enabled: false, conditions: { urlPattern: '*/lamps/*' }, messages: { a: { en: 'Need a hand?' } } };
      return (await api<{ id: string }>(s.url, `/api/v1/inboxes/${inboxId}/triggers`, { token: owner, body })).body.id;
    },
    get: (id) => get(`/api/v1/triggers/${id}`),
    bodies: [
      { name: 'Lamp pages' },
      { enabled: true },
      { conditions: { urlPattern: '*/bulbs/*' } },
      { messages: { a: { en: 'Can I help you choose?' } } },
      { delaySeconds: 5 },
      { frequency: { per: 'days', days: 3 } },
      { onlyWhen: 'operators_available' },
      { position: 3 },
    ],
  },
  '/api/v1/inboxes/:id': {
    async create() {
      const r = await api<{ id: string }>(s.url, '/api/v1/inboxes', {
        token: owner,
        body: {
          name: 'Shop',
          settings: { greeting: 'Hello!', teamName: 'Acme team', color: '#0a7d33', position: 'left', allowedOrigins: ['https://shop.example.com'] },
        },
      });
      return r.body.id;
    },
    get: (id) => get(`/api/v1/inboxes/${id}`),
    bodies: [
      { name: 'Shop 2' },
      { settings: { greeting: 'x' } },
      { settings: { teamName: 'Other team' } },
      { settings: { color: '#aa0000' } },
      { settings: { position: 'right' } },
      { settings: { allowedOrigins: ['https://other.example.com'] } },
      { settings: { sneakPeek: true } },
      { settings: { requireVerifiedIdentity: true } },
      { settings: { language: 'de' } },
      { settings: { translations: { de: { greeting: 'Hallo!', teamName: 'Kundendienst' } } } },
      { settings: { showAvatars: false } },
      { settings: { replyTime: 'auto' } },
      { settings: { sound: false } },
      { settings: { askRating: false } },
      { settings: { trackPages: false } },
      { settings: { offlineForm: false } },
      {
        settings: {
          preChat: {
            enabled: true,
            fields: [
              { type: 'email', required: true },
              { type: 'consent', text: 'I agree to the privacy policy' },
            ],
          },
        },
      },
      { settings: { translations: { de: { offlineMessage: 'Wir sind gerade nicht da.', labels: { email: 'Ihre E-Mail' } } } } },
    ],
  },
  '/api/v1/auth/me': {
    // The signed-in operator's own preferences: nothing to create.
    create: async () => 'me',
    get: () => get('/api/v1/auth/me'),
    bodies: [{ awayAfterMinutes: 3 }, { awayAfterMinutes: 0 }],
  },
  '/api/v1/auth/me/email-preferences': {
    create: async () => 'me',
    get: () => get('/api/v1/auth/me/email-preferences'),
    bodies: [{ onMention: true }, { onAssignment: true }, { onTaskDue: true }, { onMention: false }],
  },
  '/api/v1/email/settings': {
    // The workspace's one settings row: made by the first change.
    async create() {
      await patch('/api/v1/email/settings', { smtpHost: 'smtp.example.com', smtpPort: 587, fromAddress: 'help@example.com', replyDomain: 'reply.example.com' });
      return 'settings';
    },
    get: () => get('/api/v1/email/settings'),
    bodies: [{ smtpHost: 'mail.example.org' }, { smtpPort: 2525 }, { smtpSecurity: 'tls' }, { fromName: 'Acme support' }, { unseenDelayMinutes: 30 }],
  },
  '/api/v1/operators/:id': {
    async create() {
      const r = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
        token: owner,
        body: { email: `op-${Date.now()}-${Math.random()}@example.com`, name: 'Noor', role: 'admin' },
      });
      return r.body.operator.id;
    },
    get: (id) => get(`/api/v1/operators/${id}`),
    bodies: [{ name: 'Noor Haddad' }, { role: 'operator' }, { disabled: true }],
  },
  '/api/v1/labels/:id': {
    async create() {
      const r = await api<{ id: string }>(s.url, '/api/v1/labels', { token: owner, body: { name: `Label ${Date.now()} ${Math.random()}`, color: '#0a7d33' } });
      return r.body.id;
    },
    async get(id) {
      const all = await get('/api/v1/labels');
      return (all.items as Json[]).find((l) => l.id === id) as Json;
    },
    bodies: [{ name: 'Renamed label' }, { color: '#aa0000' }],
  },
  '/api/v1/contacts/:id': {
    async create() {
      const session = await api<{ visitorToken: string }>(s.url, '/api/v1/widget/session', { body: { websiteKey: s.websiteKey } });
      const r = await api<{ contactId: string }>(s.url, '/api/v1/widget/identify', {
        token: session.body.visitorToken,
        headers: { 'x-website-key': s.websiteKey },
        body: { name: 'Maya', email: `maya-${Date.now()}-${Math.random()}@example.com` },
      });
      // Two attribute values, so that changing one shows the other kept.
      for (const key of ['plan', 'seats']) await api(s.url, '/api/v1/contact-attributes', { token: owner, body: { key, label: key, type: 'text' } });
      await patch(`/api/v1/contacts/${r.body.contactId}`, { phone: '+1 555 0100', company: 'Acme', attributes: { plan: 'Free', seats: '2' } });
      return r.body.contactId;
    },
    get: (id) => get(`/api/v1/contacts/${id}`),
    bodies: [
      { name: 'Maya Chen' },
      { email: `maya.chen-${Date.now()}@example.com` },
      { phone: '+33 6 12 34 56 78' },
      { company: 'Globex' },
      { avatarUrl: 'https://example.com/maya.png' },
      { attributes: { plan: 'Pro' } },
    ],
  },
  '/api/v1/articles/:id': {
    async create() {
      const cat = await api<{ id: string }>(s.url, '/api/v1/article-categories', { token: owner, body: { name: 'Orders', slug: `orders-${Date.now()}` } });
      const body = { title: 'Refunds', slug: `refunds-${Date.now()}`, description: 'Money back', body: 'Within 30 days.', categoryId: cat.body.id };
      return (await api<{ id: string }>(s.url, '/api/v1/articles', { token: owner, body })).body.id;
    },
    // The version number and the address follow from the title, body, slug and locale.
    get: async (id) => {
      const { version: _version, url: _url, ...rest } = await get(`/api/v1/articles/${id}`);
      return rest;
    },
    bodies: [
      { title: 'Refunds and returns' },
      { slug: `refunds-renamed-${Date.now()}` },
      { description: 'Your money back' },
      { body: 'Within 60 days.' },
      { locale: 'de' },
      { categoryId: null },
    ],
  },
  '/api/v1/article-categories/:id': {
    async create() {
      const body = { name: 'Shipping', slug: `shipping-${Date.now()}`, description: 'Parcels', position: 3 };
      return (await api<{ id: string }>(s.url, '/api/v1/article-categories', { token: owner, body })).body.id;
    },
    get: async (id) => ((await get('/api/v1/article-categories')).items as Json[]).find((c) => c.id === id)!,
    bodies: [{ name: 'Delivery' }, { slug: `delivery-${Date.now()}` }, { description: 'Where is my parcel' }, { position: 7 }],
  },
  '/api/v1/tasks/:id': {
    async create() {
      const session = await api<{ visitorToken: string }>(s.url, '/api/v1/widget/session', { body: { websiteKey: s.websiteKey } });
      const r = await api<{ contactId: string }>(s.url, '/api/v1/widget/identify', {
        token: session.body.visitorToken,
        headers: { 'x-website-key': s.websiteKey },
        body: { name: 'Noor', email: `noor-${Date.now()}-${Math.random()}@example.com` },
      });
      const body = { title: 'Follow up on Friday', note: 'About the invoice', contactId: r.body.contactId, dueAt: Date.now() + 86_400_000 };
      return (await api<{ id: string }>(s.url, '/api/v1/tasks', { token: owner, body })).body.id;
    },
    get: (id) => get(`/api/v1/tasks/${id}`),
    bodies: [{ title: 'Call back on Monday' }, { note: 'Ask about the refund' }, { note: null }, { dueAt: Date.now() + 3 * 86_400_000 }],
  },
  '/api/v1/email/inboxes/:id': {
    async create() {
      const body = { name: 'Support mail', address: `support-${Date.now()}-${Math.floor(Math.random() * 1e6)}@mail.example.com` };
      return (await api<{ id: string }>(s.url, '/api/v1/email/inboxes', { token: owner, body })).body.id;
    },
    get: async (id) => ((await get('/api/v1/email/inboxes')).items as Json[]).find((i) => i.id === id)!,
    bodies: [{ name: 'Billing mail' }, { address: `billing-${Date.now()}@mail.example.com` }],
  },
  '/api/v1/contact-attributes/:id': {
    async create() {
      const r = await api<{ id: string }>(s.url, '/api/v1/contact-attributes', {
        token: owner,
        body: { key: `tier_${Date.now()}_${Math.floor(Math.random() * 1e6)}`, label: 'Tier', type: 'list', options: ['Bronze', 'Silver'] },
      });
      return r.body.id;
    },
    async get(id) {
      const all = await get('/api/v1/contact-attributes');
      return (all.items as Json[]).find((a) => a.id === id) as Json;
    },
    bodies: [{ label: 'Support tier' }, { options: ['Bronze', 'Silver', 'Gold'] }],
  },
  '/api/v1/teams/:id': {
    async create() {
      const r = await api<{ id: string }>(s.url, '/api/v1/teams', { token: owner, body: { name: `Team ${Date.now()} ${Math.random()}` } });
      return r.body.id;
    },
    get: (id) => get(`/api/v1/teams/${id}`),
    bodies: [{ name: 'Renamed team' }],
  },
  '/api/v1/teams/:id/routing': {
    async create() {
      const r = await api<{ id: string }>(s.url, '/api/v1/teams', { token: owner, body: { name: `Team ${Date.now()} ${Math.random()}` } });
      await patch(`/api/v1/teams/${r.body.id}/routing`, { mode: 'least_busy', defaultCapacity: 4, answerSeconds: 120 });
      return r.body.id;
    },
    get: (id) => get(`/api/v1/teams/${id}/routing`),
    bodies: [{ mode: 'round_robin' }, { defaultCapacity: 2 }, { answerSeconds: 60 }, { answerSeconds: null }],
  },
  '/api/v1/canned-responses/:id': {
    async create() {
      const r = await api<{ id: string }>(s.url, '/api/v1/canned-responses', {
        token: owner,
        body: { shortcut: `p${Date.now().toString(36)}${Math.floor(Math.random() * 1e6)}`, title: 'Returns', body: 'Free within 30 days', scope: 'workspace' },
      });
      return r.body.id;
    },
    get: (id) => get(`/api/v1/canned-responses/${id}`),
    bodies: [{ shortcut: `changed${Math.floor(Math.random() * 1e6)}` }, { title: 'Returns and refunds' }, { body: 'Free within 60 days' }],
  },
  '/api/v1/macros/:id': {
    async create() {
      const r = await api<{ id: string }>(s.url, '/api/v1/macros', {
        token: owner,
        body: { name: 'Park it', scope: 'workspace', actions: [{ kind: 'set_status', input: { status: 'pending' } }] },
      });
      return r.body.id;
    },
    get: (id) => get(`/api/v1/macros/${id}`),
    bodies: [{ name: 'Park it now' }, { actions: [{ kind: 'set_status', input: { status: 'resolved' } }] }],
  },
};

describe('partial updates', () => {
  it('cover every PATCH route of the API', () => {
    const routes = s.app.routes.filter((r) => r.method === 'PATCH').map((r) => r.url);
    expect(routes.sort()).toEqual(Object.keys(cases).sort());
  });

  for (const [url, c] of Object.entries(cases)) {
    it.each(c.bodies.map((b) => [JSON.stringify(b), b]))(`${url} with %s changes only that`, async (_name, body) => {
      const id = await c.create();
      const before = await c.get(id);
      const r = await patch(url.replace(':id', id), body as Json);
      expect(r.status).toBe(200);
      expectOnlyChanged(before, r.body, body as Json);
      expectOnlyChanged(before, await c.get(id), body as Json);
    });
  }

  it('refuses a bad allowed origin in words and loses nothing', async () => {
    const id = await cases['/api/v1/inboxes/:id']!.create();
    const before = await get(`/api/v1/inboxes/${id}`);
    const r = await patch(`/api/v1/inboxes/${id}`, { settings: { greeting: 'New', allowedOrigins: ['shop.example.com'] } });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ error: { code: 'validation_failed' } });
    expect(JSON.stringify(r.body)).toContain('Enter a full address such as https://shop.example.com');
    expect(await get(`/api/v1/inboxes/${id}`)).toEqual(before);
  });

  it('stores origins as origins: a pasted page address keeps only its scheme, host and port', async () => {
    const id = await cases['/api/v1/inboxes/:id']!.create();
    const r = await patch(`/api/v1/inboxes/${id}`, { settings: { allowedOrigins: ['https://Shop.Example.com/cart?x=1', 'http://localhost:8080/'] } });
    expect(r.body).toMatchObject({ settings: { allowedOrigins: ['https://shop.example.com', 'http://localhost:8080'] } });
  });

  it('keeps a left-hand launcher on the left when only the greeting is saved', async () => {
    const id = await cases['/api/v1/inboxes/:id']!.create();
    await patch(`/api/v1/inboxes/${id}`, { settings: { greeting: 'Welcome back' } });
    expect(await get(`/api/v1/inboxes/${id}`)).toMatchObject({
      settings: { position: 'left', allowedOrigins: ['https://shop.example.com'], teamName: 'Acme team' },
    });
  });
});
