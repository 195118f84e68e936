/**
 * Intents in real Chromium: with conversations labelled Billing and Shipping,
 * the admin opens Settings → Intents, clicks "Train model", sees the progress
 * bar while the job runs, then version 1 listed as active with its accuracy.
 * The section passes the accessibility check. A new billing question then
 * shows "Suggested label: Billing (NN%)" in the conversation, and "Apply
 * label" labels it.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { sendMessage } from '../../packages/server/src/message/message.service.js';
import { startWidgetSession } from '../../packages/server/src/visitor/visitor.service.js';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';

const LABELLED: Record<string, string[]> = {
  Billing: [
    'I was charged twice for my order',
    'Why is there an extra fee on my invoice?',
    'Can I get a refund for the duplicate payment?',
    'My card was billed the wrong amount',
    'How do I change my payment method?',
    'I need a copy of last month’s invoice',
  ],
  Shipping: [
    'Where is my package?',
    'My order has not arrived yet',
    'How long does delivery take to Canada?',
    'The tracking number does not work',
    'Can I change my shipping address?',
    'The parcel went to the wrong house',
  ],
};

let s: TestServer;
let token: string;
let n = 0;

async function ask(body: string): Promise<string> {
  const { visitor } = await startWidgetSession(s.app.ctx, { websiteKey: s.websiteKey });
  const author = { kind: 'visitor' as const, id: visitor.id, name: null };
  return (await sendMessage(s.app.ctx, { workspaceId: visitor.workspaceId, visitor, author, clientId: `e${++n}`, body })).message.conversationId;
}
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  token = await login(s.url);
  for (const [name, texts] of Object.entries(LABELLED)) {
    const label = (await api<{ id: string }>(s.url, '/api/v1/labels', { token, body: { name } })).body.id;
    for (const body of texts) await api(s.url, `/api/v1/conversations/${await ask(body)}/labels`, { token, body: { add: [label], remove: [] } });
  }
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

it('the admin trains the intent model and sees the version listed', async () => {
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  const intents = page.getByRole('region', { name: 'Intents', exact: true });
  await intents.getByText('No model trained yet.').waitFor();
  await intents.getByRole('button', { name: 'Train model' }).click();
  await intents.getByRole('progressbar', { name: 'Training progress' }).waitFor();
  const versions = intents.getByRole('table', { name: 'Intent model versions' });
  const row = versions.getByRole('row').filter({ hasText: 'Version 1 (active)' });
  await row.waitFor({ timeout: 30_000 });
  await expect.poll(() => row.textContent()).toMatch(/Billing \(6\), Shipping \(6\)\d+%/);
  await intents.getByRole('checkbox', { name: 'Route by intent' }).waitFor();
  expect(await axeProblems(page, { include: 'section[aria-labelledby="intents-title"]' })).toEqual([]);

  const id = await ask('Hello, my card was charged twice for one order. Can you refund the extra payment?');
  await page.goto(`${s.url}/console/#/c/${id}`);
  const line = page.getByRole('region', { name: 'Intent', exact: true });
  await line.getByText(/^Suggested label: Billing \(\d+%\)$/).waitFor();
  await line.getByRole('button', { name: 'Apply label' }).click();
  await line.getByText('Applied').waitFor();
  expect(pageErrors).toEqual([]);
}, 60_000);
