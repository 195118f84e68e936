/**
 * Sales attribution in real Chromium: a visitor chats on the shop, Ana (an
 * operator) replies, then the host page reports the same purchase twice
 * (`Switchboard('track', 'purchase', …)`); the Sales page shows it once,
 * under Ana, in the table per operator; the revenue chart is drawn (a canvas
 * with its name) and its table view lists the day's revenue; no axe problems.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import type { TestClient } from '../support/clients.js';
import { chatFrame, operator, operatorOnline, serveShop } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const clients: TestClient[] = [];
const pageErrors: string[] = [];
const password = 'lantern-orchard-basalt';

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of clients) c.close();
  for (const c of contexts) await c.close();
  await browser?.close();
  await s?.close();
  expect(pageErrors).toEqual([]);
});

const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });
const STUB = 'window.Switchboard=window.Switchboard||function(){(Switchboard.q=Switchboard.q||[]).push(arguments)};';

async function newPage(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  return page;
}

describe('sales attribution', () => {
  it('credits a purchase reported twice after a chat once, to the operator who replied, on the Sales page', async () => {
    const admin = await login(s.url);
    await api(s.url, '/api/v1/operators', { token: admin, body: { email: 'ana@example.com', name: 'Ana Alves', password, role: 'operator' } });
    const ana = await operator(s, await login(s.url, { email: 'ana@example.com', password }));
    clients.push(await operatorOnline(s, ana.token));
    const put = await api(s.url, '/api/v1/sales/settings', { method: 'PUT', token: admin, body: { reportCurrency: 'EUR', revenueGoal: 3000 } });
    expect(put.status).toBe(200);

    // The visitor chats; Ana replies.
    const shop = await newPage();
    const purchases: number[] = [];
    shop.on('response', (r) => {
      if (r.url().endsWith('/api/v1/widget/events') && r.request().method() === 'POST') purchases.push(r.status());
    });
    await shop.goto(await serveShop(shop.context(), s, 'shop.example.com', STUB));
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(shop);
    await chat.getByLabel('Message').fill('Is the trail tent waterproof?');
    await chat.getByRole('button', { name: 'Send' }).click();
    await expect
      .poll(() =>
        ana.conversationWith('trail tent').then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    const conversationId = await ana.conversationWith('trail tent');
    await ana.say(conversationId, 'Yes, 3,000 mm: it keeps the rain out.');
    await visible(chat.getByText('Yes, 3,000 mm'));

    // The shop's thank-you page reports the order, and reports it again (a reload).
    const order = { orderId: 'SHOP-1042', value: 249.9, currency: 'EUR', items: [{ productId: 'TENT-2P', quantity: 1, price: 249.9 }] };
    await shop.evaluate((o) => {
      const sb = (window as unknown as { Switchboard: (...a: unknown[]) => void }).Switchboard;
      sb('track', 'purchase', o);
      sb('track', 'purchase', o);
    }, order);
    await expect.poll(() => purchases.length).toBe(2);
    expect(purchases).toEqual([201, 201]);

    // The Sales page: once, under Ana.
    const page = await newPage();
    await page.goto(`${s.url}/console/`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('region', { name: 'Conversations' }));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Sales' }).click();
    await visible(page.getByRole('heading', { name: 'Sales', level: 1 }));
    await expect(page.getByLabel('Group by').inputValue()).resolves.toBe('operator');
    const table = page.getByRole('table', { name: 'Sales by operator' });
    await visible(table);
    const row = table.getByRole('row', { name: /Ana Alves/ });
    await visible(row);
    const cells = await row.getByRole('cell').allTextContents();
    // Purchases, Revenue, Conversations, Conversion rate, Average order value
    expect(cells[0]).toBe('1');
    expect(cells[1]).toContain('249.90');
    expect(cells[2]).toBe('1');
    expect(cells[3]).toBe('100.0 %');
    expect(cells[4]).toContain('249.90');
    await visible(page.getByText(/^Last touch: a purchase within 7 days/).first());
    const headers = await table.getByRole('columnheader').allTextContents();
    expect(headers).toEqual(['Operator', 'Purchases', 'Revenue', 'Conversations', 'Conversion rate', 'Average order value']);

    // The revenue chart is drawn, with its name, and its table view says the same.
    const canvas = page.getByRole('img', { name: 'Revenue per day' });
    await visible(canvas);
    const revenue = page.getByRole('region', { name: 'Revenue per day' });
    await revenue.getByRole('button', { name: 'Show as table' }).click();
    const dayTable = revenue.getByRole('table', { name: 'Revenue per day' });
    await visible(dayTable);
    await visible(dayTable.getByRole('cell', { name: '€249.90' }));
    await expect.poll(() => page.getByRole('img', { name: 'Conversion rate per day' }).count()).toBe(1);

    // Group by team: the conversation has no team.
    await page.getByLabel('Group by').selectOption('team');
    await visible(page.getByRole('table', { name: 'Sales by team' }).getByRole('row', { name: /No team/ }));
    expect(await axeProblems(page)).toEqual([]);

    // Settings → Sales: the admin's form, by its labels.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const settings = page.getByRole('form', { name: 'Sales settings' });
    await visible(settings);
    // The form fills in once the settings have loaded.
    await expect.poll(() => settings.getByLabel('Report currency').inputValue()).toBe('EUR');
    await settings.getByLabel('Attribution window (days)').fill('14');
    await settings.getByLabel('Conversion rate goal').fill('10');
    await settings.getByRole('button', { name: 'Add rate' }).click();
    await settings.getByLabel('Currency of rate 1').fill('USD');
    await settings.getByLabel('Rate 1 to EUR').fill('0.9');
    await settings.getByRole('group', { name: 'Require signed purchases' }).getByRole('checkbox').first().check();
    await settings.getByRole('button', { name: 'Save sales settings' }).click();
    await visible(settings.getByRole('status').getByText('Saved.'));
    const saved = await api<{
      attributionWindowDays: number;
      rates: Record<string, number>;
      conversionRateGoal: number;
      inboxes: { requireSignedPurchases: boolean }[];
    }>(s.url, '/api/v1/sales/settings', { token: admin });
    expect(saved.body).toMatchObject({ attributionWindowDays: 14, rates: { USD: 0.9 }, conversionRateGoal: 10 });
    expect(saved.body.inboxes[0]?.requireSignedPurchases).toBe(true);
    expect(await axeProblems(page, { include: '[aria-labelledby="sales-settings-title"]' })).toEqual([]);

    // Counted once on the server too.
    const report = await api<{ totals: { purchases: number } }>(s.url, '/api/v1/sales/report', { token: admin });
    expect(report.body.totals.purchases).toBe(1);
  });
});
