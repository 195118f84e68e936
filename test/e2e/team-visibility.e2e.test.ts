/**
 * Team-scoped visibility in real Chromium: an operator of the Sales team does
 * not see a Billing conversation in her list; it appears, live, when it is
 * moved to Sales, and leaves again when it moves back.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
let admin: string;
const teams = { sales: '', billing: '' };
const conversations = { sales: '', billing: '' };
const password = 'lantern-orchard-basalt';

async function conversationOf(teamId: string, body: string): Promise<string> {
  const v = await newVisitor(s.url, s.websiteKey);
  const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await c.waitFor('welcome');
  const { conversationId } = await c.client.send({ body });
  c.close();
  await api(s.url, `/api/v1/conversations/${conversationId}/team`, { token: admin, body: { teamId } });
  return conversationId;
}

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  admin = await login(s.url);
  const ana = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
    token: admin,
    body: { email: 'ana@example.com', name: 'Ana Sales', role: 'operator', password },
  });
  teams.sales = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Sales', memberIds: [ana.body.operator.id] } })).body.id;
  teams.billing = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Billing', memberIds: [] } })).body.id;
  conversations.sales = await conversationOf(teams.sales, 'Which plan suits a team of five?');
  conversations.billing = await conversationOf(teams.billing, 'My invoice shows the wrong amount');
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });
const list = () => page.getByRole('region', { name: 'Conversations' });

describe('team-scoped visibility in the console', () => {
  it('shows an operator her team’s conversations only, and one moved to her team as soon as it moves', async () => {
    await page.goto(`${s.url}/console/`);
    await page.getByLabel('Email').fill('ana@example.com');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(list().getByText('Which plan suits a team of five?'));
    expect(await list().textContent()).not.toContain('My invoice shows the wrong amount');

    await api(s.url, `/api/v1/conversations/${conversations.billing}/team`, { token: admin, body: { teamId: teams.sales } });
    await visible(list().getByText('My invoice shows the wrong amount'));

    await api(s.url, `/api/v1/conversations/${conversations.billing}/team`, { token: admin, body: { teamId: teams.billing } });
    await expect.poll(async () => (await list().textContent()) ?? '').not.toContain('My invoice shows the wrong amount');
    expect(await list().textContent()).toContain('Which plan suits a team of five?');
  });
});
