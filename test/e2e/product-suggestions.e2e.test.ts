/**
 * Product suggestions (E3) in real Chromium: a visitor on the desk lamp's
 * page of a shop asks for waterproof hiking boots in the widget; the
 * operator with the conversation open sees "Suggested products" beside it
 * with a cross-sell reason (the lamp's accessory, bought with it), an
 * up-sell and the boots they asked for; "Insert card: LED bulb" dispatches
 * the composer's window event with the product card asked for (a listener
 * in the page records it), "Compare" a comparison with the lamp. Axe finds
 * nothing.
 */
import { INSERT_RICH_EVENT } from '@switchboard/protocol';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import type { TestClient } from '../support/clients.js';
import { login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, operatorOnline, serveShop } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let online: TestClient;
const pageErrors: string[] = [];
const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });
const HOST = 'lamps.example.com';

beforeAll(async () => {
  s = await startTestServer();
  const db = s.app.ctx.db;
  const { workspace_id: ws, id: inboxId } = await db.selectFrom('inboxes').select(['workspace_id', 'id']).executeTakeFirstOrThrow();
  const product = (id: string, name: string, eur: number, category: string, extra: Record<string, string> = {}) => ({
    workspace_id: ws,
    id,
    name,
    description: '',
    price_minor: eur * 100,
    currency: 'EUR',
    image_url: null,
    page_url: `http://${HOST}/products/${id}`,
    category,
    tags: '[]',
    stock: 'in_stock' as const,
    attributes: '{}',
    created_at: 1,
    updated_at: 1,
    ...extra,
  });
  await db
    .insertInto('products')
    .values([
      product('lamp', 'Desk lamp', 40, 'Lighting'),
      product('lamp-plus', 'Desk lamp Plus', 55, 'Lighting'),
      product('bulb', 'LED bulb', 5, 'Parts'),
      product('boots', 'Trail boots', 120, 'Footwear', { description: 'Waterproof hiking boots' }),
    ])
    .execute();
  await db.insertInto('product_relations').values({ workspace_id: ws, product_id: 'lamp', related_id: 'bulb', kind: 'accessory' }).execute();
  await db
    .insertInto('purchases')
    .values(
      Array.from({ length: 4 }, (_, i) => ({
        id: `p${i}`,
        workspace_id: ws,
        inbox_id: inboxId,
        visitor_id: `earlier-${i}`,
        contact_id: null,
        order_id: `o${i}`,
        value_minor: 4500,
        currency: 'EUR',
        items: JSON.stringify([
          { productId: 'lamp', quantity: 1 },
          { productId: 'bulb', quantity: 1 },
        ]),
        verified: 0,
        created_at: 1000 + i,
      })),
    )
    .execute();
  online = await operatorOnline(s, await login(s.url));
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  online?.close();
  await browser?.close();
  await s?.close();
});

describe('Suggested products', () => {
  it('shows cross-sell, up-sell and the products asked for beside the conversation, and inserts a card', async () => {
    const shopCtx = await browser.newContext();
    await serveShop(shopCtx, s, HOST);
    const shop = await shopCtx.newPage();
    await shop.goto(`http://${HOST}/products/lamp`);
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(shop);
    await chat.getByLabel('Message').fill('Do you also sell waterproof hiking boots?');
    await chat.getByRole('button', { name: 'Send' }).click();
    const conversation = await online.waitFor('conversation', (f) => f.conversation.visitorId !== undefined);
    const conversationId = conversation.conversation.id;

    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.evaluate((name) => {
      (window as unknown as { inserted: unknown[] }).inserted = [];
      window.addEventListener(name, (e) => (window as unknown as { inserted: unknown[] }).inserted.push((e as CustomEvent).detail));
    }, INSERT_RICH_EVENT);

    const region = page.getByRole('region', { name: 'Suggested products' });
    await visible(region.getByText('Accessory of Desk lamp, bought with it in 4 orders'));
    await visible(region.getByText('Better alternative in Lighting, +€15'));
    await visible(region.getByText('Matches “waterproof hiking boots”'));
    await visible(region.getByText('€5.00'));
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/product-suggestions.png' });

    await region.getByRole('button', { name: 'Insert card: LED bulb' }).click();
    await region.getByRole('button', { name: 'Compare: Desk lamp Plus' }).click();
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { inserted: unknown[] }).inserted))
      .toEqual([
        { type: 'product', productId: 'bulb' },
        { type: 'comparison', productIds: ['lamp', 'lamp-plus'] },
      ]);
    // The composer holds the last one, named as the catalogue names the products.
    const block = page.getByRole('group', { name: 'Product block to send' });
    await expect.poll(() => block.textContent()).toContain('Comparison: Desk lamp, Desk lamp Plus');
    expect(pageErrors).toEqual([]);
    await ctx.close();
    await shopCtx.close();
  }, 90_000);
});
