/**
 * Purchases through a real server (the widget's track route, as the SDK's
 * `Switchboard('track', 'purchase', …)` sends them): every field checked with
 * its own refusal code, forged purchases refused (a wrong website key, a bad
 * or missing HMAC when the inbox requires signed purchases), a replayed order
 * id counted once; the sales settings and reports over HTTP, and the `sale`
 * frame to the credited operator and the workspace's admins.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesReport } from '@switchboard/protocol';
import { newVisitor, operatorClient, type TestClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ManualClock } from '../src/clock.js';
import { startConversation } from '../src/conversation/start-conversation.js';
import { appendMessages } from '../src/message/message.repository.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

let s: TestServer;
let token: string;
let otherKey: string;
let inboxId: string;
let ownerId: string;
const clients: TestClient[] = [];
const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  token = await login(s.url);
  const other = await createWorkspace(s.app.ctx, {
    name: 'B',
    ownerEmail: 'owner@sales-b.test',
    ownerName: 'Bea',
    ownerPassword: 'password-b-long',
    inboxName: 'B site',
  });
  otherKey = other.inbox.websiteKey;
  inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token })).body.items[0]!.id;
  ownerId = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token })).body.id;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await s.close();
});

type Answer = { id: string; name: string; data: Record<string, unknown>; error?: { code: string; message: string; details?: { path: string }[] } };
const track = (visitorToken: string, data: unknown, key = s.websiteKey) =>
  api<Answer>(s.url, '/api/v1/widget/events', { token: visitorToken, headers: { 'x-website-key': key }, body: { name: 'purchase', data } });
let n = 0;
const orderId = () => `A-${++n}`;
const good = () => ({ orderId: orderId(), value: 49.5, currency: 'EUR', items: [{ productId: 'TENT-2P', quantity: 1, price: 49.5 }] });

describe('a purchase from the SDK', () => {
  it('is stored in minor units, shown to operators as the visitor’s event, and answered 201', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const p = { ...good(), currency: 'eur' };
    const r = await track(v.visitorToken, p);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: 'purchase', data: { orderId: p.orderId, value: 49.5, currency: 'EUR', items: 1 } });
    const row = await s.app.ctx.db.selectFrom('purchases').selectAll().where('order_id', '=', p.orderId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ value_minor: 4950, currency: 'EUR', visitor_id: v.visitorId, verified: 0 });
    const events = await api<{ items: { name: string }[] }>(s.url, `/api/v1/visitors/${v.visitorId}/events`, { token });
    expect(events.body.items.map((e) => e.name)).toContain('purchase');
  });

  it.each([
    ['no orderId', { orderId: undefined }, 'purchase_order_id_invalid', 'data.orderId'],
    ['an empty orderId', { orderId: '  ' }, 'purchase_order_id_invalid', 'data.orderId'],
    ['an orderId over 100 characters', { orderId: 'x'.repeat(101) }, 'purchase_order_id_invalid', 'data.orderId'],
    ['a value as text', { value: '49.50' }, 'purchase_value_invalid', 'data.value'],
    ['a negative value', { value: -1 }, 'purchase_value_invalid', 'data.value'],
    ['a value too large for minor units', { value: 1e300 }, 'purchase_value_invalid', null],
    ['an unknown currency', { currency: 'EURO' }, 'purchase_currency_invalid', 'data.currency'],
    ['a made-up currency code', { currency: 'ZZZ' }, 'purchase_currency_invalid', 'data.currency'],
    ['items not a list', { items: 'TENT' }, 'purchase_items_invalid', 'data.items'],
    ['101 items', { items: Array.from({ length: 101 }, (_, i) => ({ productId: `P${i}`, quantity: 1 })) }, 'purchase_items_invalid', 'data.items'],
    ['an item without productId', { items: [{ quantity: 1 }] }, 'purchase_items_invalid', 'data.items.0.productId'],
    ['a quantity of 0', { items: [{ productId: 'P', quantity: 0 }] }, 'purchase_items_invalid', 'data.items.0.quantity'],
    ['a fractional quantity', { items: [{ productId: 'P', quantity: 1.5 }] }, 'purchase_items_invalid', 'data.items.0.quantity'],
    ['a negative item price', { items: [{ productId: 'P', quantity: 1, price: -2 }] }, 'purchase_items_invalid', 'data.items.0.price'],
    ['an unknown item field', { items: [{ productId: 'P', quantity: 1, colour: 'red' }] }, 'purchase_items_invalid', 'data.items.0'],
    ['an unknown field', { coupon: 'SUMMER' }, 'purchase_data_invalid', 'data'],
    ['an hmac that is not text', { hmac: 42 }, 'purchase_signature_invalid', 'data.hmac'],
  ])('with %s is refused with its code, nothing stored', async (_what, change, code, path) => {
    const v = await newVisitor(s.url, s.websiteKey);
    const p = { ...good(), ...change };
    const r = await track(v.visitorToken, p);
    expect(r.status, JSON.stringify(r.body)).toBe(code === 'purchase_signature_invalid' ? 403 : 400);
    expect(r.body.error?.code).toBe(code);
    if (path) expect(r.body.error?.details?.map((d) => d.path)).toContain(path);
    const stored = await s.app.ctx.db.selectFrom('purchases').select('id').where('visitor_id', '=', v.visitorId).execute();
    expect(stored).toEqual([]);
  });

  it('with a website key of another workspace is refused by the widget’s sign-in, nothing stored', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const r = await track(v.visitorToken, good(), otherKey);
    expect([401, 403]).toContain(r.status);
    const stored = await s.app.ctx.db.selectFrom('purchases').select('id').where('visitor_id', '=', v.visitorId).execute();
    expect(stored).toEqual([]);
    expect((await track(v.visitorToken, good(), 'no-such-key')).status).toBe(401);
  });

  it('repeated with the same order id is answered alike and counted once', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const p = good();
    const first = await track(v.visitorToken, p);
    const again = await track(v.visitorToken, { ...p, value: 500 });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.data).toMatchObject({ value: 49.5 });
    const rows = await s.app.ctx.db.selectFrom('purchases').select('id').where('order_id', '=', p.orderId).execute();
    expect(rows).toHaveLength(1);
  });
});

describe('signed purchases', () => {
  let secret: string;
  beforeAll(async () => {
    secret = (await api<{ secret: string }>(s.url, `/api/v1/inboxes/${inboxId}/identity-secret`, { token, body: {} })).body.secret;
  });
  const sign = (id: string, key = secret) => createHmac('sha256', key).update(id).digest('hex');

  it('a valid hmac is accepted and marks the purchase verified, even when not required', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const p = good();
    expect((await track(v.visitorToken, { ...p, hmac: sign(p.orderId) })).status).toBe(201);
    const row = await s.app.ctx.db.selectFrom('purchases').select('verified').where('order_id', '=', p.orderId).executeTakeFirstOrThrow();
    expect(row.verified).toBe(1);
  });

  it('a bad hmac is always refused', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const p = good();
    const r = await track(v.visitorToken, { ...p, hmac: sign(p.orderId, 'not the secret') });
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('purchase_signature_invalid');
    expect((await track(v.visitorToken, { ...p, hmac: sign(`${p.orderId}x`) })).body.error?.code).toBe('purchase_signature_invalid');
    expect((await track(v.visitorToken, { ...p, hmac: 'zz' })).body.error?.code).toBe('purchase_signature_invalid');
  });

  it('when the inbox requires signed purchases, one without hmac is refused', async () => {
    const put = await api<{ inboxes: { id: string; requireSignedPurchases: boolean }[] }>(s.url, '/api/v1/sales/settings', {
      method: 'PUT',
      token,
      body: { inboxes: [{ id: inboxId, requireSignedPurchases: true }] },
    });
    expect(put.status).toBe(200);
    expect(put.body.inboxes.find((i) => i.id === inboxId)?.requireSignedPurchases).toBe(true);
    const v = await newVisitor(s.url, s.websiteKey);
    const p = good();
    const r = await track(v.visitorToken, p);
    expect(r.status).toBe(403);
    expect(r.body.error?.code).toBe('purchase_signature_required');
    expect((await track(v.visitorToken, { ...p, hmac: sign(p.orderId) })).status).toBe(201);
    // A replay of the signed purchase is counted once.
    expect((await track(v.visitorToken, { ...p, hmac: sign(p.orderId) })).status).toBe(201);
    expect(await s.app.ctx.db.selectFrom('purchases').select('id').where('order_id', '=', p.orderId).execute()).toHaveLength(1);
    await api(s.url, '/api/v1/sales/settings', { method: 'PUT', token, body: { inboxes: [{ id: inboxId, requireSignedPurchases: false }] } });
  });
});

describe('a purchase from the shop’s server (POST /api/v1/purchases)', () => {
  it('takes an admin’s API token with the sales scope, checks the data, counts an order id once, and keeps to the workspace', async () => {
    const made = await api<{ token: string }>(s.url, '/api/v1/api-tokens', { token, body: { name: 'Shop backend', scopes: ['sales:write'] } });
    expect(made.status).toBe(201);
    const v = await newVisitor(s.url, s.websiteKey);
    const p = { visitorId: v.visitorId, ...good() };
    const first = await api<{ id: string; repeated: boolean }>(s.url, '/api/v1/purchases', { token: made.body.token, body: p });
    expect(first.status).toBe(201);
    expect(first.body.repeated).toBe(false);
    const again = await api<{ id: string; repeated: boolean }>(s.url, '/api/v1/purchases', { token: made.body.token, body: p });
    expect(again.body).toMatchObject({ id: first.body.id, repeated: true });
    const row = await s.app.ctx.db.selectFrom('purchases').select('verified').where('order_id', '=', p.orderId).executeTakeFirstOrThrow();
    expect(row.verified).toBe(1);
    const bad = await api<{ error: { code: string } }>(s.url, '/api/v1/purchases', {
      token: made.body.token,
      body: { ...p, orderId: orderId(), currency: 'EURO' },
    });
    expect(bad.body.error.code).toBe('purchase_currency_invalid');
    const other = await newVisitor(s.url, otherKey);
    expect((await api(s.url, '/api/v1/purchases', { token: made.body.token, body: { ...good(), visitorId: other.visitorId } })).status).toBe(404);
    const readOnly = await api<{ token: string }>(s.url, '/api/v1/api-tokens', { token, body: { name: 'Reader', scopes: ['sales:read'] } });
    expect((await api(s.url, '/api/v1/purchases', { token: readOnly.body.token, body: { ...good(), visitorId: v.visitorId } })).status).toBe(403);
  });
});

describe('sales settings and reports over HTTP', () => {
  it('settings are checked and kept; the rule follows the window', async () => {
    const bad = await api<{ error: { code: string } }>(s.url, '/api/v1/sales/settings', {
      method: 'PUT',
      token,
      body: { attributionWindowDays: 0, reportCurrency: 'XXXX' },
    });
    expect(bad.status).toBe(400);
    expect((await api(s.url, '/api/v1/sales/settings', { method: 'PUT', token, body: { rates: { EURO: 1 } } })).status).toBe(400);
    expect((await api(s.url, '/api/v1/sales/settings', { method: 'PUT', token, body: { rates: { USD: 0 } } })).status).toBe(400);
    const put = await api<{
      attributionWindowDays: number;
      reportCurrency: string;
      rates: Record<string, number>;
      revenueGoal: number;
      conversionRateGoal: number;
      rule: string;
    }>(s.url, '/api/v1/sales/settings', {
      method: 'PUT',
      token,
      body: { attributionWindowDays: 14, reportCurrency: 'eur', rates: { usd: 0.9, EUR: 1 }, revenueGoal: 5000, conversionRateGoal: 12.5 },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ attributionWindowDays: 14, reportCurrency: 'EUR', rates: { USD: 0.9 }, revenueGoal: 5000, conversionRateGoal: 12.5 });
    expect(put.body.rule).toContain('within 14 days');
    const got = await api<typeof put.body>(s.url, '/api/v1/sales/settings', { token });
    expect(got.body).toMatchObject({ attributionWindowDays: 14, reportCurrency: 'EUR', rates: { USD: 0.9 } });
  });

  it('a chat then a purchase shows in the report under the operator, and a `sale` frame reaches the console', async () => {
    const console = operatorClient(s.wsUrl, token);
    clients.push(console);
    await console.waitFor('welcome');
    const v = await newVisitor(s.url, s.websiteKey);
    const ctx = s.app.ctx;
    const workspaceId = (await ctx.db.selectFrom('inboxes').select('workspace_id').where('id', '=', inboxId).executeTakeFirstOrThrow()).workspace_id;
    const c = await startConversation(ctx.db, { workspaceId, inboxId, visitorId: v.visitorId, now: clock.now() });
    await appendMessages(ctx.db, ctx.dbKind, workspaceId, c.id, [
      {
        clientId: null,
        author: { kind: 'operator', id: ownerId, name: 'Admin' },
        kind: 'text',
        body: 'The 2-person tent is in stock.',
        attachments: [],
        event: null,
        createdAt: clock.now(),
      },
    ]);
    await clock.advance(60_000);
    const p = { ...good(), value: 120, currency: 'EUR' };
    expect((await track(v.visitorToken, p)).status).toBe(201);
    const frame = await console.waitFor('sale', (f) => f.sale.orderId === p.orderId);
    expect(frame.sale).toMatchObject({ touch: 'chat', conversationId: c.id, operatorId: ownerId, valueMinor: 12000, currency: 'EUR' });
    const from = clock.now() - 3_600_000;
    const report = await api<SalesReport>(s.url, `/api/v1/sales/report?from=${from}&to=${clock.now() + 1}&groupBy=operator`, { token });
    expect(report.status).toBe(200);
    expect(report.body.rows.find((r) => r.id === ownerId)).toMatchObject({ purchases: 1, revenueMinor: 12000, conversations: 1, conversionRate: 1 });
    expect(report.body.rule).toMatch(/^Last touch/);
    const series = await api<{ days: { revenueMinor: number }[] }>(s.url, `/api/v1/sales/timeseries?from=${from}&to=${clock.now() + 1}`, { token });
    expect(series.status).toBe(200);
    expect(series.body.days.reduce((t, d) => t + d.revenueMinor, 0)).toBe(12000);
    expect((await api(s.url, `/api/v1/sales/report?from=${clock.now()}&to=${from}`, { token })).status).toBe(400);
    expect((await api(s.url, '/api/v1/sales/report?groupBy=colour', { token })).status).toBe(400);
  });
});
