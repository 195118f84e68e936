/**
 * Rich messages (E2) in real Chromium: an operator inserts a comparison of two
 * products from the console's composer ("Insert product"), the visitor sees
 * the table in the widget (caption "Compare products", the differing cells
 * marked), opens one product's page and chooses the other; both clicks are
 * recorded and the operator sees "2 clicks" under the message, live. Then
 * quick replies: the visitor's choice is sent as their message and the set is
 * disabled. Axe checks the widget and the console.
 */
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import type { TestClient } from '../support/clients.js';
import { login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, operator, operatorOnline } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let team: TestClient;
let token: string;
let shopper: BrowserContext;
let widgetPage: Page;
let chat: Frame;
let console_: Page;
let conversationId: string;
const pageErrors: string[] = [];

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });

beforeAll(async () => {
  s = await startTestServer();
  token = await login(s.url);
  team = await operatorOnline(s, token);
  const ws = (await s.app.ctx.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
  const base = { workspace_id: ws, description: '', currency: 'EUR', image_url: null, category: 'Lighting', tags: '[]', created_at: 1, updated_at: 2 };
  await s.app.ctx.db
    .insertInto('products')
    .values([
      {
        ...base,
        id: 'lamp-1',
        name: 'Desk lamp',
        price_minor: 4999,
        page_url: 'https://shop.example/desk-lamp',
        stock: 'in_stock',
        attributes: '{"colour":"black","watts":8}',
      },
      {
        ...base,
        id: 'lamp-2',
        name: 'Floor lamp',
        price_minor: 12900,
        page_url: 'https://shop.example/floor-lamp',
        stock: 'in_stock',
        attributes: '{"colour":"brass","watts":8}',
      },
      { ...base, id: 'chair', name: 'Office chair', price_minor: 19900, page_url: null, stock: 'preorder', attributes: '{}' },
    ])
    .execute();
  browser = await launchBrowser();
  shopper = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  // The shop's product pages, served here: "View product" opens one in a new tab.
  await shopper.route('https://shop.example/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Product</title><h1>Product</h1>' }),
  );
  widgetPage = await shopper.newPage();
  widgetPage.on('pageerror', (e) => pageErrors.push(`widget: ${e.message}`));
  await widgetPage.goto(`${s.url}/`);
  await widgetPage.getByRole('button', { name: 'Open chat' }).click();
  chat = await chatFrame(widgetPage);
  await chat.getByLabel('Message').fill('Which lamp should I buy?');
  await chat.getByLabel('Message').press('Enter');
  const op = await operator(s, token);
  // Stored once the widget shows it with its sequence number.
  await chat.locator('.msg.mine[data-seq]').first().waitFor();
  conversationId = await op.conversationWith('Which lamp should I buy?');
  console_ = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  console_.on('pageerror', (e) => pageErrors.push(`console: ${e.message}`));
  await console_.goto(`${s.url}/console/#/c/${conversationId}`);
  await console_.getByLabel('Email').fill(s.admin.email);
  await console_.getByLabel('Password').fill(s.admin.password);
  await console_.getByRole('button', { name: 'Sign in' }).click();
  await visible(console_.getByRole('log', { name: 'Messages' }).getByText('Which lamp should I buy?'));
});

afterAll(async () => {
  team?.close();
  await browser?.close();
  await s?.close();
});

describe('rich messages', () => {
  it('an operator inserts a comparison of two products from the composer and sends it', async () => {
    await console_.getByRole('button', { name: 'Insert product' }).click();
    const dialog = console_.getByRole('dialog', { name: 'Insert product' });
    await visible(dialog);
    await dialog.getByLabel('Search products').fill('lamp');
    await visible(dialog.getByRole('checkbox', { name: /Floor lamp/ }));
    await dialog.getByRole('checkbox', { name: /Desk lamp/ }).check();
    expect(await dialog.getByRole('radio', { name: 'Comparison' }).isDisabled()).toBe(true);
    await dialog.getByRole('checkbox', { name: /Floor lamp/ }).check();
    await dialog.getByRole('radio', { name: 'Comparison' }).check();
    expect(await axeProblems(console_)).toEqual([]);
    await dialog.getByRole('button', { name: 'Add to reply' }).click();
    await visible(console_.getByRole('button', { name: 'Remove product block' }));
    expect(await console_.getByRole('group', { name: 'Product block to send' }).textContent()).toContain('Comparison: Desk lamp, Floor lamp');
    await console_.getByLabel('Reply', { exact: true }).fill('Here they are side by side');
    await console_.getByRole('button', { name: 'Send', exact: true }).click();
    await expect.poll(() => console_.getByRole('button', { name: 'Remove product block' }).count()).toBe(0);
    await visible(console_.getByRole('log', { name: 'Messages' }).getByRole('table', { name: 'Compare products' }));
  });

  it('the visitor sees the comparison table, opens a product page and chooses the other: both clicks recorded and shown to the operator', async () => {
    const table = chat.getByRole('table', { name: 'Compare products' });
    await visible(table);
    expect(await chat.getByText('Here they are side by side').count()).toBe(1);
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Desk lamp', 'Floor lamp']);
    const priceRow = table.getByRole('row', { name: /Price/ });
    expect(await priceRow.textContent()).toContain('€49.99');
    // Colours differ (marked, and said in words); the wattage is the same.
    const differing = await table.locator('td.differs').allTextContents();
    expect(differing.some((t) => t.startsWith('black') && t.includes('(differs)'))).toBe(true);
    expect(await table.getByRole('row', { name: /watts/ }).locator('td.differs').count()).toBe(0);
    expect(await axeProblems(chat)).toEqual([]);
    await widgetPage.screenshot({ path: '/tmp/rich-comparison-widget.png' });

    const view = table.getByRole('link', { name: /View product\W+Floor lamp/ });
    expect(await view.getAttribute('target')).toBe('_blank');
    expect(await view.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await view.getAttribute('href')).toBe('https://shop.example/floor-lamp');
    const [tab] = await Promise.all([shopper.waitForEvent('page'), view.click()]);
    await tab.close();
    await table.getByRole('button', { name: /Choose\W+Desk lamp/ }).click();
    await expect
      .poll(async () =>
        (await s.app.ctx.db.selectFrom('rich_clicks').select(['action', 'product_id']).orderBy('created_at').execute()).map(
          (c) => `${c.action} ${c.product_id}`,
        ),
      )
      .toEqual(['view lamp-2', 'choose lamp-1']);
    const messages = console_.getByRole('log', { name: 'Messages' });
    await visible(messages.getByText('2 clicks'));
    // Choosing sends the product's name as the visitor's message.
    await visible(messages.locator('.msg-in').getByText('Desk lamp', { exact: true }));
    await console_.screenshot({ path: '/tmp/rich-comparison-console.png' });
  });

  it('quick replies: the visitor’s choice is sent as their message and the set is disabled', async () => {
    await console_.getByRole('button', { name: 'Quick replies' }).click();
    const dialog = console_.getByRole('dialog', { name: 'Quick replies' });
    await dialog.getByLabel('Options, one per line').fill('Black\nBrass');
    await dialog.getByRole('button', { name: 'Add to reply' }).click();
    await visible(console_.getByRole('button', { name: 'Remove quick replies' }));
    await console_.getByLabel('Reply', { exact: true }).fill('Which colour would you like?');
    await console_.getByLabel('Reply', { exact: true }).press('Enter');
    const replies = chat.getByRole('group', { name: 'Quick replies' });
    await visible(replies);
    expect(await axeProblems(chat)).toEqual([]);
    await replies.getByRole('button', { name: 'Brass' }).focus();
    await widgetPage.keyboard.press('Enter');
    await expect.poll(() => replies.getByRole('button', { name: 'Black' }).isDisabled()).toBe(true);
    await visible(console_.getByRole('log', { name: 'Messages' }).locator('.msg-in').getByText('Brass', { exact: true }));
    const click = await s.app.ctx.db.selectFrom('rich_clicks').select(['action', 'option_id']).where('action', '=', 'quick_reply').executeTakeFirst();
    expect(click).toEqual({ action: 'quick_reply', option_id: 'o2' });
    expect(await axeProblems(console_)).toEqual([]);

    // Read again later (a new page of the shop): the answered set shows, but cannot be chosen again.
    await widgetPage.reload();
    await widgetPage.getByRole('button', { name: 'Open chat' }).click();
    const again = (await chatFrame(widgetPage)).getByRole('group', { name: 'Quick replies' });
    await visible(again);
    await expect.poll(() => again.getByRole('button', { name: 'Black' }).isDisabled()).toBe(true);
    expect(await again.getByRole('button', { name: 'Brass' }).isDisabled()).toBe(true);
    expect(pageErrors).toEqual([]);
  });
});
