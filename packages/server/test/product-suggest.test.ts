/**
 * Product suggestions (E3) end to end on one node (SQLite): the visitor's
 * page and words and the workspace's tracked orders give cross-sell, up-sell
 * and matching products with their reasons; products bought and out of stock
 * ones are left out; a product added is seen at the next request; an
 * operator of another team gets 404; an empty catalogue says so.
 */
import type { ProductSuggestionsDto } from '@switchboard/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newVisitor, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import type { ProductTable } from '../src/product/product.table.js';

const password = 'lantern-orchard-basalt';
let s: TestServer;
let admin: string;
let ws: string;
let inboxId: string;
const tokens: Record<string, string> = {};
const open: TestClient[] = [];

const product = (id: string, name: string, priceEur: number, extra: Partial<ProductTable> = {}): ProductTable => ({
  workspace_id: ws,
  id,
  name,
  description: '',
  price_minor: priceEur * 100,
  currency: 'EUR',
  image_url: `https://shop.example/img/${id}.jpg`,
  page_url: `https://shop.example/p/${id}`,
  category: 'Lighting',
  tags: '[]',
  stock: 'in_stock',
  attributes: '{}',
  created_at: 1,
  updated_at: 2,
  ...extra,
});

beforeAll(async () => {
  s = await startTestServer();
  admin = await login(s.url);
  const db = s.app.ctx.db;
  const inbox = await db.selectFrom('inboxes').select(['id', 'workspace_id']).executeTakeFirstOrThrow();
  ws = inbox.workspace_id;
  inboxId = inbox.id;
  const ids: Record<string, string> = {};
  for (const name of ['Ana', 'Bo']) {
    const email = `${name.toLowerCase()}@example.com`;
    const r = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: admin, body: { email, name, password, role: 'operator' } });
    expect(r.status).toBe(201);
    ids[name] = r.body.operator.id;
    tokens[name] = await login(s.url, { email, password });
  }
  for (const [team, member] of [
    ['Support', 'Ana'],
    ['Sales', 'Bo'],
  ] as const) {
    const r = await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: team, memberIds: [ids[member]] } });
    if (team === 'Support') tokens.supportTeam = r.body.id;
  }
});
afterAll(async () => {
  for (const c of open) c.close();
  await s.close();
});

const suggestions = (id: string, token = admin) => api<ProductSuggestionsDto>(s.url, `/api/v1/conversations/${id}/product-suggestions`, { token });

async function conversation(body: string, page: string | null) {
  const v = await newVisitor(s.url, s.websiteKey);
  const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  open.push(visitor);
  await visitor.waitFor('welcome');
  const { conversationId } = await visitor.client.send({ body });
  await s.app.ctx.db.updateTable('visitors').set({ page_url: page }).where('id', '=', v.visitorId).execute();
  return { conversationId, visitorId: v.visitorId };
}

it('hides the region while the catalogue is empty', async () => {
  const { conversationId } = await conversation('Hello', null);
  const r = await suggestions(conversationId);
  expect(r.status).toBe(200);
  expect(r.body).toEqual({ context: null, suggestions: [], catalogue: false });
});

it('suggests cross-sell, up-sell and matches with their reasons, and sees a new product at the next request', async () => {
  const db = s.app.ctx.db;
  await db
    .insertInto('products')
    .values([
      product('lamp', 'Desk lamp', 40),
      product('lamp-plus', 'Desk lamp Plus', 55),
      product('lamp-pro', 'Desk lamp Pro', 45, { stock: 'out_of_stock' }),
      product('bulb', 'LED bulb', 5, { category: 'Parts' }),
      product('shade', 'Lamp shade', 15, { category: 'Parts' }),
      product('boots', 'Trail boots', 120, { category: 'Footwear', description: 'Waterproof hiking boots with a grippy sole', tags: '["hiking"]' }),
    ])
    .execute();
  await db.insertInto('product_relations').values({ workspace_id: ws, product_id: 'lamp', related_id: 'bulb', kind: 'accessory' }).execute();
  const orders = Array.from({ length: 12 }, (_, i) => ({
    id: `p${i}`,
    workspace_id: ws,
    inbox_id: inboxId,
    visitor_id: `someone-${i}`,
    contact_id: null,
    order_id: `o${i}`,
    value_minor: 5500,
    currency: 'EUR',
    items: JSON.stringify([
      { productId: 'lamp', quantity: 1 },
      { productId: 'shade', quantity: 1 },
    ]),
    verified: 0,
    created_at: 1000 + i,
  }));
  await db.insertInto('purchases').values(orders).execute();

  const { conversationId, visitorId } = await conversation('Do you also sell waterproof hiking boots?', 'https://www.shop.example/p/lamp/?ref=ad');
  await db
    .insertInto('purchases')
    .values({ ...orders[0]!, id: 'mine', order_id: 'mine', visitor_id: visitorId, items: JSON.stringify([{ productId: 'bulb', quantity: 2 }]) })
    .execute();
  const r = await suggestions(conversationId);
  expect(r.status).toBe(200);
  expect(r.body.catalogue).toBe(true);
  expect(r.body.context?.name).toBe('Desk lamp');
  const byId = Object.fromEntries(r.body.suggestions.map((x) => [x.product.id, x]));
  // The bulb was bought by this visitor; the Pro is out of stock: neither is suggested.
  expect(Object.keys(byId).sort()).toEqual(['boots', 'lamp-plus', 'shade']);
  expect(byId.shade).toMatchObject({ kind: 'cross_sell', reason: 'Often bought with Desk lamp (12 orders)', anchorId: 'lamp' });
  expect(byId['lamp-plus']).toMatchObject({ kind: 'up_sell', reason: 'Better alternative in Lighting, +€15' });
  expect(byId.boots).toMatchObject({ kind: 'match', reason: 'Matches “waterproof hiking boots”', anchorId: null });
  expect(byId.boots!.product.imageUrl).toMatch(/^\/api\/v1\/product-images\/.+\/boots\?v=2$/);

  await db
    .insertInto('products')
    .values(product('shade-2', 'Linen shade', 18, { category: 'Parts' }))
    .execute();
  await db.insertInto('product_relations').values({ workspace_id: ws, product_id: 'lamp', related_id: 'shade-2', kind: 'accessory' }).execute();
  const again = await suggestions(conversationId);
  expect(again.body.suggestions.find((x) => x.product.id === 'shade-2')?.reason).toBe('Accessory of Desk lamp');
});

it('answers 404 to an operator of another team, and to an unknown conversation', async () => {
  const { conversationId } = await conversation('Which lamp is brightest?', 'https://shop.example/p/lamp');
  expect((await api(s.url, `/api/v1/conversations/${conversationId}/team`, { token: admin, body: { teamId: tokens.supportTeam } })).status).toBe(200);
  expect((await suggestions(conversationId, tokens.Ana)).status).toBe(200);
  const refused = await suggestions(conversationId, tokens.Bo);
  expect(refused.status).toBe(404);
  expect((await suggestions('not-a-conversation')).status).toBe(404);
});
