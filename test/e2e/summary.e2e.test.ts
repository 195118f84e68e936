/**
 * The conversation summary in the console, in real Chromium: the operator
 * clicks "Summarize" and sees the visitor's problem, what was done and what
 * is pending; then a colleague transfers the conversation to them and the
 * transfer's summary appears live, shown prominently. The region passes the
 * accessibility check.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, type TestClient, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
let owner: string;
let visitor: TestClient;
let conversationId: string;

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });

beforeAll(async () => {
  s = await startTestServer();
  owner = await login(s.url);
  const v = await newVisitor(s.url, s.websiteKey);
  visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  conversationId = (await visitor.client.send({ body: 'Hello! My tent arrived with a broken pole, the left one snapped on the first night.' })).conversationId;
  await api(s.url, `/api/v1/conversations/${conversationId}/messages`, {
    token: owner,
    body: { body: 'I have ordered a replacement pole for your tent; it ships tomorrow.' },
  });
  await visitor.client.send({ conversationId, body: 'Can I keep the broken pole?' });
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
});

afterAll(async () => {
  visitor?.close();
  await browser?.close();
  await s?.close();
});

describe('Conversation summary', () => {
  const region = () => page.getByRole('region', { name: 'Conversation summary' });

  it('Summarize shows the problem, what was done and what is pending', async () => {
    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(region().getByText('No summary yet', { exact: false }));
    await region().getByRole('button', { name: 'Summarize' }).click();
    await visible(region().getByRole('heading', { name: 'Problem' }));
    await visible(region().getByRole('list', { name: 'Problem' }).getByText('My tent arrived with a broken pole, the left one snapped on the first night.'));
    await visible(region().getByRole('heading', { name: 'Done' }));
    await visible(region().getByRole('list', { name: 'Done' }).getByText('I have ordered a replacement pole for your tent; it ships tomorrow.'));
    await visible(region().getByRole('heading', { name: 'Pending' }));
    await visible(region().getByRole('list', { name: 'Pending' }).getByText('Can I keep the broken pole?'));
    expect(await region().textContent()).toContain('On request');
    expect(await axeProblems(page)).toEqual([]);
  });

  it('a transfer’s summary reaches the receiving operator live, shown prominently', async () => {
    const r = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
      token: owner,
      body: { email: 'ana@example.com', name: 'Ana Alves', password: 'lantern-orchard-basalt', role: 'operator' },
    });
    const ana = await login(s.url, { email: 'ana@example.com', password: 'lantern-orchard-basalt' });
    await api(s.url, `/api/v1/conversations/${conversationId}/assign`, { token: owner, body: { operatorId: r.body.operator.id } });
    const me = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token: owner })).body;
    const t = await api(s.url, `/api/v1/conversations/${conversationId}/transfer`, { token: ana, body: { operatorId: me.id } });
    expect(t.status).toBe(200);
    await visible(region().getByText('On transfer', { exact: false }));
    await visible(region().getByText(/Transferred to .+ by Ana Alves/));
    expect(await region().getAttribute('class')).toContain('summary-prominent');
  });
});
