/**
 * Rich messages (E2) end to end over HTTP and the socket, on SQLite and on
 * PostgreSQL: each kind with its limits and codes, products from the sender's
 * workspace only, the snapshot and the plain-text body stored, history and
 * replay carrying `rich`, and the visitor's clicks checked, logged and told to
 * the conversation's operators.
 */
import type { MessageDto, RichContent } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, PG_URL } from '../../../test/support/services.js';
import type { ProductTable } from '../src/product/product.table.js';
import { createWorkspace } from '../src/workspace/workspace.service.js';

const product = (ws: string, id: string, name: string, extra: Partial<ProductTable> = {}): ProductTable => ({
  workspace_id: ws,
  id,
  name,
  description: '',
  price_minor: 1000,
  currency: 'EUR',
  image_url: null,
  page_url: null,
  category: null,
  tags: '[]',
  stock: 'in_stock',
  attributes: '{}',
  created_at: 1,
  updated_at: 2,
  ...extra,
});

type Sent = { status: number; body: { message: MessageDto & { html: string }; error?: { code: string; message: string } } & { error?: { code: string } } };

const backends = [{ name: 'sqlite', pg: false }, ...(hasPostgres ? [{ name: 'postgres', pg: true }] : [])];

describe.each(backends)('rich messages on $name', ({ pg }) => {
  let s: TestServer;
  let drop: (() => Promise<void>) | undefined;
  let token: string;
  let conversationId: string;
  let otherConversationId: string;
  let visitorToken: string;
  let visitor: TestClient;
  let operator: TestClient;
  const send = (body: unknown, conv = conversationId) => api(s.url, `/api/v1/conversations/${conv}/messages`, { token, body }) as Promise<Sent>;
  const asVisitor = (path: string, body?: unknown) => api(s.url, path, { token: visitorToken, headers: { 'x-website-key': s.websiteKey }, body });

  beforeAll(async () => {
    let env: Record<string, string> = {};
    if (pg) {
      const schema = await createPgSchema();
      drop = schema.drop;
      env = { DATABASE_URL: PG_URL, DATABASE_SCHEMA: schema.schema };
    }
    s = await startTestServer({ env });
    token = await login(s.url);
    const db = s.app.ctx.db;
    const ws = (await db.selectFrom('workspaces').select('id').orderBy('created_at').executeTakeFirstOrThrow()).id;
    const other = await createWorkspace(s.app.ctx, {
      name: 'Other shop',
      ownerEmail: `other-${pg ? 'pg' : 'lite'}@example.com`,
      ownerName: 'Other',
      ownerPassword: 'lantern-orchard-basalt',
      inboxName: 'Other',
    });
    await db
      .insertInto('products')
      .values([
        product(ws, 'lamp-1', 'Desk lamp', {
          price_minor: 4999,
          image_url: 'https://shop.example/lamp.png',
          page_url: 'https://shop.example/lamp',
          attributes: '{"colour":"black","watts":8}',
        }),
        product(ws, 'lamp-2', 'Floor lamp', { price_minor: 12900, page_url: 'https://shop.example/floor', attributes: '{"colour":"brass","height":"150 cm"}' }),
        product(ws, 'bulb', 'LED bulb', { price_minor: 599, stock: 'out_of_stock' }),
        product(ws, 'chair', 'Office chair'),
        product(other.workspaceId, 'secret', 'Other shop’s lamp'),
      ])
      .execute();
    const v = await newVisitor(s.url, s.websiteKey);
    visitorToken = v.visitorToken;
    visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');
    conversationId = (await visitor.client.send({ body: 'Which lamp is brighter?' })).conversationId;
    visitor.client.subscribe(conversationId);
    await visitor.waitFor('synced', (f) => f.conversationId === conversationId);
    const v2 = await newVisitor(s.url, s.websiteKey);
    const c2 = visitorClient(s.wsUrl, s.websiteKey, v2.visitorToken);
    await c2.waitFor('welcome');
    otherConversationId = (await c2.client.send({ body: 'Hello' })).conversationId;
    c2.close();
    operator = operatorClient(s.wsUrl, token);
    await operator.waitFor('welcome');
    operator.client.subscribe(conversationId);
    await operator.waitFor('synced', (f) => f.conversationId === conversationId);
  });

  afterAll(async () => {
    visitor?.close();
    operator?.close();
    await s?.close();
    await drop?.();
  });

  it('sends a product card: the snapshot (checked image path, http(s) page) and a plain-text body', async () => {
    const r = await send({ body: 'This one:', rich: { type: 'product', productId: 'lamp-1' } });
    expect(r.status).toBe(201);
    const rich = r.body.message.rich as Extract<RichContent, { type: 'product' }>;
    expect(rich.type).toBe('product');
    expect(rich.product).toMatchObject({ id: 'lamp-1', name: 'Desk lamp', priceMinor: 4999, currency: 'EUR', pageUrl: 'https://shop.example/lamp' });
    expect(rich.product.imageUrl).toMatch(/^\/api\/v1\/product-images\/[^/]+\/lamp-1\?v=2$/);
    expect(r.body.message.body).toBe('This one:\n\nDesk lamp — €49.99 — https://shop.example/lamp');
    // The visitor gets it live, with the card.
    const live = await visitor.waitFor('message', (f) => f.message.id === r.body.message.id);
    expect(live.message.rich).toEqual(rich);
  });

  it('sends a carousel of 2 to 10 products, each once', async () => {
    const ok = await send({ body: '', rich: { type: 'carousel', productIds: ['lamp-2', 'lamp-1', 'bulb'] } });
    expect(ok.status).toBe(201);
    const rich = ok.body.message.rich as Extract<RichContent, { type: 'carousel' }>;
    expect(rich.products.map((p) => p.id)).toEqual(['lamp-2', 'lamp-1', 'bulb']);
    expect(ok.body.message.body).toBe(
      '- Floor lamp — €129.00 — https://shop.example/floor\n- Desk lamp — €49.99 — https://shop.example/lamp\n- LED bulb — €5.99',
    );
    for (const productIds of [['lamp-1'], Array.from({ length: 11 }, (_, i) => `p${i}`), ['lamp-1', 'lamp-1']]) {
      const r = await send({ body: '', rich: { type: 'carousel', productIds } });
      expect(r.status, JSON.stringify(productIds)).toBe(400);
      expect(r.body.error?.code).toBe('validation_failed');
    }
  });

  it('sends a comparison of 2 or 3 products: the union of their attributes by default, or those chosen (at most 8, each of a product)', async () => {
    const r = await send({ body: 'Side by side', rich: { type: 'comparison', productIds: ['lamp-1', 'lamp-2'] } });
    expect(r.status).toBe(201);
    const rich = r.body.message.rich as Extract<RichContent, { type: 'comparison' }>;
    expect(rich.attributes).toEqual(['colour', 'watts', 'height']);
    const chosen = await send({ body: '', rich: { type: 'comparison', productIds: ['lamp-1', 'lamp-2'], attributes: ['height'] } });
    expect((chosen.body.message.rich as Extract<RichContent, { type: 'comparison' }>).attributes).toEqual(['height']);
    const bad = [
      { productIds: ['lamp-1'] },
      { productIds: ['lamp-1', 'lamp-2', 'bulb', 'chair'] },
      { productIds: ['lamp-1', 'lamp-2'], attributes: Array.from({ length: 9 }, (_, i) => `a${i}`) },
      { productIds: ['lamp-1', 'lamp-2'], attributes: ['weight'] },
    ];
    for (const b of bad) {
      const x = await send({ body: '', rich: { type: 'comparison', ...b } });
      expect(x.status, JSON.stringify(b)).toBe(400);
      expect(x.body.error?.code).toBe('validation_failed');
    }
  });

  it('sends quick replies: 2 to 10 options of 1 to 40 characters, with the text as the question', async () => {
    const r = await send({ body: 'Which colour?', rich: { type: 'quick_replies', options: ['Black', 'Brass'] } });
    expect(r.status).toBe(201);
    expect(r.body.message.rich).toEqual({
      type: 'quick_replies',
      options: [
        { id: 'o1', label: 'Black' },
        { id: 'o2', label: 'Brass' },
      ],
    });
    expect(r.body.message.body).toBe('Which colour?\n\n- Black\n- Brass');
    for (const [body, options] of [
      ['Which?', ['Only one']],
      ['Which?', Array.from({ length: 11 }, (_, i) => `Option ${i}`)],
      ['Which?', ['x'.repeat(41), 'Short']],
      ['Which?', ['', 'Short']],
      ['', ['Black', 'Brass']],
    ] as const) {
      const x = await send({ body, rich: { type: 'quick_replies', options } });
      expect(x.status, JSON.stringify([body, options])).toBe(400);
      expect(x.body.error?.code).toBe('validation_failed');
    }
  });

  it('refuses a product that is not in the sender’s catalogue, another workspace’s included: 422 product_not_found, nothing stored', async () => {
    const before = (await api<{ messages: MessageDto[] }>(s.url, `/api/v1/conversations/${conversationId}/messages`, { token })).body.messages.at(-1)?.seq;
    for (const rich of [
      { type: 'product', productId: 'nope' },
      { type: 'product', productId: 'secret' },
      { type: 'comparison', productIds: ['lamp-1', 'secret'] },
    ]) {
      const r = await send({ body: 'Look', rich });
      expect(r.status).toBe(422);
      expect(r.body.error?.code).toBe('product_not_found');
    }
    const after = (await api<{ messages: MessageDto[] }>(s.url, `/api/v1/conversations/${conversationId}/messages`, { token })).body.messages.at(-1)?.seq;
    expect(after).toBe(before);
  });

  it('sends from the socket too (operators only), and history, the widget’s history and a replay carry `rich`', async () => {
    const ack = await operator.client.send({ conversationId, body: '', rich: { type: 'product', productId: 'bulb' } });
    const history = await api<{ messages: MessageDto[] }>(s.url, `/api/v1/conversations/${conversationId}/messages`, { token });
    const stored = history.body.messages.find((m) => m.id === ack.messageId);
    expect(stored?.rich).toMatchObject({ type: 'product', product: { id: 'bulb', stock: 'out_of_stock' } });
    expect(stored?.richClicks).toBe(0);
    expect(history.body.messages[0]?.rich).toBeUndefined();
    const widget = await asVisitor(`/api/v1/widget/conversations/${conversationId}/messages`);
    const seen = (widget.body as { messages: MessageDto[] }).messages.find((m) => m.id === ack.messageId);
    expect(seen?.rich).toEqual(stored?.rich);
    expect(seen?.richClicks).toBeUndefined();
    // A visitor reconnecting from the start gets every rich message again.
    const again = visitorClient(s.wsUrl, s.websiteKey, visitorToken);
    await again.waitFor('welcome');
    again.client.subscribe(conversationId, 0);
    await again.waitFor('synced', (f) => f.conversationId === conversationId);
    const replayed = again.messages(conversationId).filter((m) => m.rich);
    again.close();
    expect(replayed.map((m) => m.rich?.type)).toEqual(history.body.messages.filter((m) => m.rich).map((m) => m.rich?.type));
    expect(replayed.length).toBeGreaterThanOrEqual(6);
    // A visitor may not send one.
    await expect(visitor.client.send({ conversationId, body: 'x', rich: { type: 'product', productId: 'bulb' } })).rejects.toThrow();
  });

  it('logs the visitor’s clicks when the message shows that product or option, and tells the operators live', async () => {
    const card = await send({ body: '', rich: { type: 'comparison', productIds: ['lamp-1', 'lamp-2'] } });
    const id = card.body.message.id;
    const view = await asVisitor(`/api/v1/widget/conversations/${conversationId}/clicks`, { messageId: id, action: 'view', productId: 'lamp-2' });
    expect(view.status).toBe(201);
    expect(view.body).toEqual({ clicks: 1 });
    const frame = await operator.waitFor('richClick', (f) => f.messageId === id);
    expect(frame).toMatchObject({ conversationId, action: 'view', productId: 'lamp-2', optionId: null, clicks: 1 });
    const choose = await asVisitor(`/api/v1/widget/conversations/${conversationId}/clicks`, { messageId: id, action: 'choose', productId: 'lamp-1' });
    expect(choose.body).toEqual({ clicks: 2 });
    // A product the message does not show, an option of a card, another visitor's conversation, a message of another conversation.
    expect((await asVisitor(`/api/v1/widget/conversations/${conversationId}/clicks`, { messageId: id, action: 'view', productId: 'bulb' })).status).toBe(400);
    expect((await asVisitor(`/api/v1/widget/conversations/${conversationId}/clicks`, { messageId: id, action: 'quick_reply', optionId: 'o1' })).status).toBe(
      400,
    );
    expect((await asVisitor(`/api/v1/widget/conversations/${conversationId}/clicks`, { messageId: id, action: 'view' })).status).toBe(400);
    expect((await asVisitor(`/api/v1/widget/conversations/${otherConversationId}/clicks`, { messageId: id, action: 'view', productId: 'lamp-1' })).status).toBe(
      404,
    );
    const elsewhere = await send({ body: '', rich: { type: 'product', productId: 'lamp-1' } }, otherConversationId);
    expect(
      (await asVisitor(`/api/v1/widget/conversations/${conversationId}/clicks`, { messageId: elsewhere.body.message.id, action: 'view', productId: 'lamp-1' }))
        .status,
    ).toBe(404);
    const history = await api<{ messages: MessageDto[] }>(s.url, `/api/v1/conversations/${conversationId}/messages`, { token });
    expect(history.body.messages.find((m) => m.id === id)?.richClicks).toBe(2);
    const log = await api<{ items: { productId: string | null; action: string }[] }>(s.url, `/api/v1/conversations/${conversationId}/rich-clicks`, { token });
    expect(log.body.items.map((c) => [c.action, c.productId])).toEqual([
      ['view', 'lamp-2'],
      ['choose', 'lamp-1'],
    ]);
  });

  it('logs a chosen quick reply', async () => {
    const q = await send({ body: 'Which colour?', rich: { type: 'quick_replies', options: ['Black', 'Brass'] } });
    const r = await asVisitor(`/api/v1/widget/conversations/${conversationId}/clicks`, { messageId: q.body.message.id, action: 'quick_reply', optionId: 'o2' });
    expect(r.status).toBe(201);
    expect(
      (await asVisitor(`/api/v1/widget/conversations/${conversationId}/clicks`, { messageId: q.body.message.id, action: 'quick_reply', optionId: 'o3' }))
        .status,
    ).toBe(400);
  });
});
