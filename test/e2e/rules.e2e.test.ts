/**
 * Settings → Rules in real Chromium: an admin creates a rule "Checkout help"
 * (when a new conversation starts, if the visitor's page contains
 * "checkout", then set the priority to urgent and add a label) with the
 * form's labelled controls; a visitor on the checkout page writes, and the
 * conversation opened in the console shows the urgent priority and the
 * rule's line; the rule shows its last run. The page passes axe.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, type TestClient, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
const clients: TestClient[] = [];
const pageErrors: string[] = [];

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

async function signIn(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('region', { name: 'Conversations' }));
  return page;
}

describe('Settings → Rules', () => {
  it('creates a rule in the form and sees it set the priority of a new conversation', async () => {
    const token = await login(s.url);
    await api(s.url, '/api/v1/labels', { token, body: { name: 'Checkout', color: '#d97706' } });
    const page = await signIn();
    await page.getByRole('link', { name: 'Settings' }).click();
    const rules = page.getByRole('region', { name: 'Rules' });
    await visible(rules);
    await visible(rules.getByText('No rules yet.'));

    const form = rules.getByRole('form', { name: 'New rule' });
    await form.getByLabel('Rule name').fill('Checkout help');
    await form.getByLabel('When').selectOption({ label: 'A new conversation starts' });
    await form.getByRole('button', { name: 'Add condition' }).click();
    await form.getByLabel('Condition 1', { exact: true }).selectOption({ label: 'Page URL' });
    await form.getByLabel('Condition 1 test').selectOption({ label: 'contains' });
    await form.getByLabel('Condition 1 text').fill('checkout');
    await form.getByLabel('Action 1', { exact: true }).selectOption({ label: 'Set priority' });
    await form.getByLabel('Action 1 priority').selectOption({ label: 'Urgent' });
    await form.getByRole('button', { name: 'Add action' }).click();
    await form.getByLabel('Action 2', { exact: true }).selectOption({ label: 'Add label' });
    await form.getByLabel('Action 2 label').selectOption({ label: 'Checkout' });
    await form.getByRole('button', { name: 'Create rule' }).click();
    const item = rules.getByRole('listitem', { name: 'Rule Checkout help' });
    await visible(item);
    await visible(item.getByText('Not run yet'));
    expect(await item.getByRole('checkbox', { name: 'Enable rule Checkout help' }).isChecked()).toBe(true);
    expect(await axeProblems(page)).toEqual([]);

    // A visitor on the checkout page writes.
    const v = await newVisitor(s.url, s.websiteKey);
    await s.app.ctx.db.updateTable('visitors').set({ page_url: 'https://shop.example.com/checkout/pay' }).where('id', '=', v.visitorId).execute();
    const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    clients.push(client);
    await client.waitFor('welcome');
    const { conversationId } = await client.client.send({ body: 'My card is refused at checkout' });

    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    await visible(page.getByText("Priority set to urgent by rule 'Checkout help'"));
    await expect.poll(() => page.getByLabel('Priority').inputValue(), { timeout: 15_000 }).toBe('urgent');
    await visible(page.getByText("Labels added Checkout by rule 'Checkout help'"));

    await page.getByRole('link', { name: 'Settings' }).click();
    await visible(page.getByRole('listitem', { name: 'Rule Checkout help' }).getByText(/Last run: .* \(ok\)/));
  });
});
