/**
 * SLA in real Chromium: the server runs on a ManualClock the test moves, and
 * the page's clock is set to the same time. A visitor writes under a policy
 * with a 10-minute first response target (warning at 80%): the list and the
 * header say "10 min left"; at 8 minutes both say "Near breach: 2 min left"
 * (words, not colour alone); at 10 minutes "Breached just now".
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../packages/server/src/clock.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, type TestClient, visitorClient } from '../support/clients.js';
import { ADMIN, api, login, startTestServer, type TestServer } from '../support/server.js';

const MIN = 60_000;
const clock = new ManualClock(Date.now());
let s: TestServer;
let browser: Browser;
const clients: TestClient[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await browser?.close();
  await s?.close();
  expect(pageErrors).toEqual([]);
});

const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });

/** The page's clock first, then the server's: a job the server's runner takes at once makes the page draw at the new time. */
async function passTime(page: Page, ms: number): Promise<void> {
  await page.clock.setFixedTime(clock.now() + ms);
  await clock.advance(ms);
  await s.app.ctx.jobs.runDue();
}

describe('SLA in the console', () => {
  it('shows the time left in the list and the header, then near breach, then breached', async () => {
    const token = await login(s.url);
    const inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token })).body.items[0]!.id;
    const policy = await api<{ id: string }>(s.url, '/api/v1/sla-policies', { token, body: { name: 'Gold', firstResponseSeconds: 600, warnPercent: 80 } });
    await api(s.url, `/api/v1/inboxes/${inboxId}/sla-policy`, { method: 'PUT', token, body: { policyId: policy.body.id } });

    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.clock.setFixedTime(clock.now());
    await page.goto(`${s.url}/console/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('region', { name: 'Conversations' }));

    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    clients.push(visitor);
    await visitor.waitFor('welcome');
    await visitor.client.send({ body: 'Where is my parcel?' });

    const item = page.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: 'Where is my parcel?' });
    await visible(item.getByText('10 min left'));
    await item.click();
    const header = page.locator('.conv-header');
    await visible(header.getByText('10 min left'));

    await passTime(page, 8 * MIN);
    await visible(item.getByText('Near breach: 2 min left'));
    await visible(header.getByText('Near breach: 2 min left'));
    expect(await item.locator('[data-sla]').getAttribute('data-sla')).toBe('near');

    await passTime(page, 2 * MIN);
    await visible(item.getByText('Breached just now'));
    await visible(header.getByText('Breached just now'));
    await ctx.close();
  }, 60_000);
});
