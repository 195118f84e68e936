/**
 * Working conversations in the console, in real Chromium: labels (Settings →
 * Labels, "Add label", the list's filter), "Snooze" until the visitor replies
 * (and the wake), "Merge", the views with their live counts, and the
 * keyboard shortcuts for them. Visitors talk the protocol from Node.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, type TestClient, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let token: string;
const clients: TestClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  token = await login(s.url);
  browser = await launchBrowser();
  ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  page = await ctx.newPage();
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await list().waitFor();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await browser?.close();
  await s?.close();
});

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });
const gone = (l: Locator) => l.waitFor({ state: 'hidden', timeout: 10_000 });
const list = () => page.getByRole('region', { name: 'Conversations' });
const item = (text: string) => list().getByRole('link').filter({ hasText: text });
const messages = () => page.getByRole('log', { name: 'Messages' });
const viewButton = (name: string) => page.getByRole('group', { name: 'Inbox view' }).getByRole('button', { name: new RegExp(`^${name}\\b`) });
/** Counts follow changes within about a second (the console asks at most once a second). */
const countOf = async (name: string) => Number((await viewButton(name).locator('.view-count').textContent()) ?? 'NaN');

/** A visitor who writes; returns the protocol client and the conversation. */
async function visitorSays(body: string): Promise<{ client: TestClient; conversationId: string }> {
  const v = await newVisitor(s.url, s.websiteKey);
  const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  clients.push(client);
  await client.waitFor('welcome');
  const ack = await client.client.send({ body });
  client.client.subscribe(ack.conversationId, 0);
  return { client, conversationId: ack.conversationId };
}

describe('labels', () => {
  it('are created in Settings → Labels and put on a conversation with "Add label"', async () => {
    await page.goto(`${s.url}/console/#/settings`);
    await page.getByLabel('New label').fill('VIP');
    await page.getByRole('button', { name: 'Create label' }).click();
    await visible(page.getByRole('form', { name: 'Label VIP' }));
    await page.getByLabel('New label').fill('Refund');
    await page.getByRole('button', { name: 'Create label' }).click();
    await visible(page.getByRole('form', { name: 'Label Refund' }));
    expect(await axeProblems(page)).toEqual([]);

    const { conversationId } = await visitorSays('My parcel never came');
    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    await visible(messages().getByText('My parcel never came'));
    await page.getByRole('button', { name: 'Add label' }).click();
    const picker = page.getByRole('group', { name: 'Labels' });
    await picker.getByLabel('Refund').check();
    await visible(page.getByRole('button', { name: 'Remove label Refund' }));
    await visible(messages().getByText('Labels added Refund by Admin'));
    expect(await axeProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await gone(picker);
    // The list shows it, and filters by it.
    await viewButton('All').click();
    await visible(item('My parcel never came').getByText('Refund'));
    const other = await visitorSays('Just looking around');
    await visible(item('Just looking around'));
    await page.getByLabel('Label', { exact: true }).selectOption({ label: 'Refund' });
    await gone(item('Just looking around'));
    await visible(item('My parcel never came'));
    await page.getByLabel('Label', { exact: true }).selectOption({ label: 'All labels' });
    await visible(item('Just looking around'));
    void other;
  });

  it('come off with the keyboard: Alt+L opens the labels of the conversation on screen', async () => {
    await page.getByRole('button', { name: 'Remove label Refund' }).waitFor();
    await page.getByLabel('Reply').focus();
    await page.keyboard.press('Alt+KeyL');
    const picker = page.getByRole('group', { name: 'Labels' });
    await visible(picker);
    await picker.getByLabel('Refund').uncheck();
    await gone(page.getByRole('button', { name: 'Remove label Refund' }));
    await page.keyboard.press('Escape');
  });
});

describe('snooze', () => {
  it('takes the conversation out of the inbox until the visitor replies, then wakes it', async () => {
    const { client, conversationId } = await visitorSays('Let me find my order number');
    await viewButton('Unassigned').click();
    await visible(item('Let me find my order number'));
    await expect.poll(() => countOf('Snoozed'), { timeout: 5000 }).toBe(0);
    await item('Let me find my order number').click();
    await visible(messages().getByText('Let me find my order number'));
    await page.getByRole('button', { name: 'Snooze', exact: true }).click();
    await page
      .getByRole('group', { name: 'Snooze until' })
      .getByRole('button', { name: /Until the visitor replies/ })
      .click();
    await visible(messages().getByText(/Snoozed until the visitor replies by Admin/));
    await gone(item('Let me find my order number'));
    await expect.poll(() => countOf('Snoozed'), { timeout: 5000 }).toBe(1);
    await viewButton('Snoozed').click();
    await visible(item('Let me find my order number').getByText('Snoozed until the visitor replies'));

    await client.client.send({ conversationId, body: 'It is 12345' });
    await visible(messages().getByText('Woken up by the visitor’s message'));
    await gone(item('It is 12345'));
    await expect.poll(() => countOf('Snoozed'), { timeout: 5000 }).toBe(0);
    await viewButton('Unassigned').click();
    await visible(item('It is 12345'));
  });

  it('snoozes until a chosen time, shown in the operator’s own zone, with Alt+Z', async () => {
    await page.getByLabel('Reply').focus();
    await page.keyboard.press('Alt+KeyZ');
    const menu = page.getByRole('group', { name: 'Snooze until' });
    await visible(menu);
    await menu.getByRole('button', { name: /Tomorrow at 9:00/ }).click();
    await visible(messages().getByText(/^Snoozed until .* 09:00 by Admin$/));
    await page.getByRole('button', { name: 'Wake up' }).click();
    await visible(messages().getByText('Woken up by Admin'));
  });
});

describe('merge', () => {
  it('moves another conversation of the same visitor into this one, in time order', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    clients.push(client);
    await client.waitFor('welcome');
    const first = await client.client.send({ body: 'Question from last week' });
    await api(s.url, `/api/v1/conversations/${first.conversationId}/status`, { token, body: { status: 'resolved' } });
    const second = await client.client.send({ body: 'Following up on last week' });
    await page.goto(`${s.url}/console/#/c/${second.conversationId}`);
    await visible(messages().getByText('Following up on last week'));
    await page.getByRole('button', { name: 'Merge', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge into this conversation' });
    await visible(dialog.getByText('Question from last week'));
    expect(await axeProblems(page)).toEqual([]);
    await dialog.getByRole('button', { name: 'Merge this one' }).click();
    await gone(dialog);
    await visible(messages().getByText(/^Merged with the conversation of/));
    const texts = await messages().locator('.msg-text').allTextContents();
    expect(texts.indexOf('Question from last week')).toBeLessThan(texts.indexOf('Following up on last week'));
    // The merged one points here.
    await page.goto(`${s.url}/console/#/c/${first.conversationId}`);
    await visible(page.getByText(/Merged into/));
  });
});

describe('views', () => {
  it('count live: a new conversation raises Unassigned and All, taking it moves it to Mine', async () => {
    await viewButton('Unassigned').click();
    // What the server counts now, once the console shows it too (counts follow changes within a second).
    const truth = async () => (await api<Record<string, number>>(s.url, '/api/v1/conversations/counts', { token })).body;
    const now = await truth();
    await expect
      .poll(async () => [await countOf('Unassigned'), await countOf('Mine'), await countOf('All')], { timeout: 5000 })
      .toEqual([now.unassigned, now.mine, now.all]);
    const before = { unassigned: now.unassigned as number, mine: now.mine as number, all: now.all as number };
    const { conversationId } = await visitorSays('Counting on you');
    await expect.poll(() => countOf('Unassigned'), { timeout: 5000 }).toBe(before.unassigned + 1);
    await expect.poll(() => countOf('All'), { timeout: 5000 }).toBe(before.all + 1);
    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    await visible(messages().getByText('Counting on you'));
    await page.getByLabel('Reply').focus();
    await page.keyboard.press('Alt+KeyA');
    await visible(messages().getByText(/Assigned to Admin/));
    await expect.poll(() => countOf('Mine'), { timeout: 5000 }).toBe(before.mine + 1);
    await expect.poll(() => countOf('Unassigned'), { timeout: 5000 }).toBe(before.unassigned);
    await page.keyboard.press('Alt+KeyR');
    await visible(page.getByRole('button', { name: 'Reopen' }));
    await expect.poll(() => countOf('Mine'), { timeout: 5000 }).toBe(before.mine);
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/console-workflow.png' });
  });
});
