/**
 * The waiting queue in real Chromium: two operators of capacity 1 at their
 * consoles and three visitors. The third visitor's chat says "You are number
 * 1 in the queue"; the operators see them in the Queue; when one operator
 * resolves a conversation the third visitor is theirs at once: the widget's
 * position goes and says who joined, the console's Queue empties.
 */
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, type TestClient, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { serveShop } from '../support/widget-page.js';

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
  await browser?.close();
  await s?.close();
  expect(pageErrors).toEqual([]);
});

const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });

async function signIn(email: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('region', { name: 'Conversations' }));
  await page
    .getByRole('group', { name: 'Inbox view' })
    .getByRole('button', { name: /^Mine\b/ })
    .click();
  return page;
}

async function chatFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[src*="/widget/frame"]', { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no chat frame');
  return frame;
}

describe('the waiting queue', () => {
  it('tells the third visitor their place, and gives them to the first operator who resolves one', async () => {
    const admin = await login(s.url);
    const ids: string[] = [];
    for (const [email, name] of [
      ['ana@example.com', 'Ana Alves'],
      ['bo@example.com', 'Bo Berg'],
    ]) {
      const r = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: admin, body: { email, name, password } });
      ids.push(r.body.operator.id);
    }
    const team = await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Support', memberIds: ids } });
    const inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { defaultTeamId: team.body.id } });
    await api(s.url, `/api/v1/teams/${team.body.id}/routing`, { method: 'PATCH', token: admin, body: { mode: 'round_robin', defaultCapacity: 1 } });

    const ana = await signIn('ana@example.com');
    const bo = await signIn('bo@example.com');

    // Two visitors take both operators' capacity.
    for (const body of ['First visitor here', 'Second visitor here']) {
      const v = await newVisitor(s.url, s.websiteKey);
      const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
      clients.push(client);
      await client.waitFor('welcome');
      await client.client.send({ body });
    }
    const mine = (page: Page) => page.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: 'visitor here' });
    await visible(mine(ana).first());
    await visible(mine(bo).first());

    // The third waits, and is told where they stand.
    const ctx = await browser.newContext({ locale: 'en-GB', viewport: { width: 1200, height: 900 } });
    contexts.push(ctx);
    await serveShop(ctx, s, 'queue.shop.test');
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto('http://queue.shop.test/');
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(page);
    await chat.getByLabel('Message').fill('Third in line, I think');
    await chat.getByLabel('Message').press('Enter');
    const place = chat.getByRole('status', { name: 'Queue position' });
    await visible(place.getByText(/You are number 1 in the queue/));
    expect(await axeProblems(chat)).toEqual([]);

    // Both operators see them waiting.
    for (const p of [ana, bo]) {
      const queue = p.getByRole('region', { name: 'Queue' });
      await visible(queue.getByText('1 waiting'));
      await visible(queue.getByRole('button', { name: /^Take/ }));
    }
    expect(await axeProblems(ana)).toEqual([]);

    // Ana resolves hers: the third visitor is hers.
    await mine(ana).first().click();
    await ana.getByRole('button', { name: 'Resolve', exact: true }).click();
    await visible(chat.getByText('Ana Alves joined the chat'));
    expect(await place.textContent()).toBe('');
    for (const p of [ana, bo]) await visible(p.getByRole('region', { name: 'Queue' }).getByText('Nobody is waiting.'));
    await visible(ana.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: 'Third in line' }));

    // Priority by hand, in the header.
    await ana.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: 'Third in line' }).click();
    await ana.getByRole('combobox', { name: 'Priority' }).selectOption('high');
    await visible(ana.getByRole('log', { name: 'Messages' }).getByText('Priority set to high by Ana Alves'));
  }, 120_000);
});
