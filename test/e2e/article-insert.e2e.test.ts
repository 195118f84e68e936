/**
 * Articles in the console's reply box, in real Chromium: an operator opens a
 * conversation, clicks "Articles", sees the articles for the visitor's
 * question, searches, inserts an excerpt (it lands at the caret with the
 * article's public link), sends the reply and the visitor receives it; the
 * insertion is counted as an 'inserted' article event. Esc closes the panel
 * and gives the focus back to the reply box; the panel passes the
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
const ids: Record<string, string> = {};
const pageErrors: string[] = [];

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });
const EXCERPT = 'Unused gear can be returned within 30 days for a full refund.';

async function publish(key: string, a: { title: string; slug: string; body: string; description?: string }) {
  const r = await api<{ id: string }>(s.url, '/api/v1/articles', {
    token: owner,
    body: { description: '', locale: 'en', categoryId: null, translationOf: null, ...a },
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  await api(s.url, `/api/v1/articles/${r.body.id}/publish`, { token: owner, body: {} });
  ids[key] = r.body.id;
}

beforeAll(async () => {
  s = await startTestServer();
  owner = await login(s.url);
  await publish('returns', { title: 'Returning a tent', slug: 'returning-a-tent', body: `${EXCERPT}\n\nPack the tent in its bag.` });
  await publish('stoves', { title: 'Camping stove fuel', slug: 'stove-fuel', body: 'Our stoves burn isobutane cartridges sold in every shop.' });
  const v = await newVisitor(s.url, s.websiteKey);
  visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  conversationId = (await visitor.client.send({ body: 'Can I return my tent for a refund?' })).conversationId;
  visitor.client.subscribe(conversationId);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  visitor?.close();
  await browser?.close();
  await s?.close();
});

describe('Articles in the reply box', () => {
  const reply = () => page.getByLabel('Reply', { exact: true });
  const panel = () => page.getByRole('dialog', { name: 'Insert article' });

  it('suggests articles for the visitor’s question, and Esc closes the panel back to the reply box', async () => {
    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('log', { name: 'Messages' }).getByText('Can I return my tent for a refund?'));
    await page.getByRole('button', { name: 'Articles', exact: true }).click();
    await visible(panel());
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('type'))).toBe('search');
    await visible(panel().getByText('Returning a tent'));
    expect(await panel().getByRole('listitem').first().textContent()).toContain('Returning a tent');
    expect(await axeProblems(page)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await panel().count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id)).toMatch(/^reply-/);
  });

  it('an operator searches, inserts an excerpt at the caret, sends it, and the visitor receives it', async () => {
    await reply().fill('Hi! ');
    await page.getByRole('button', { name: 'Articles', exact: true }).click();
    await page.getByLabel('Search articles').fill('refund for unused gear');
    await visible(panel().getByRole('list', { name: 'Articles found' }));
    const first = panel().getByRole('listitem').first();
    expect(await first.textContent()).toContain('Returning a tent');
    expect(await first.textContent()).toContain(EXCERPT);
    await first.getByRole('button', { name: 'Insert excerpt' }).click();
    expect(await panel().count()).toBe(0);
    const url = `${s.url}/help/${await workspaceId()}/en/returning-a-tent`;
    await expect.poll(() => reply().inputValue()).toBe(`Hi! ${EXCERPT}\nReturning a tent: ${url}`);
    await page.screenshot({ path: '/tmp/article-insert.png' });
    await reply().press('Enter');
    const received = await visitor.waitFor('message', (f) => f.message.author.kind === 'operator');
    expect(received.message.body).toBe(`Hi! ${EXCERPT}\nReturning a tent: ${url}`);
    await expect
      .poll(async () =>
        s.app.ctx.db.selectFrom('article_events').select(['kind', 'source', 'conversation_id']).where('article_id', '=', ids.returns!).execute(),
      )
      .toEqual([{ kind: 'inserted', source: 'console', conversation_id: conversationId }]);
    expect(pageErrors).toEqual([]);
  });
});

async function workspaceId(): Promise<string> {
  return (await s.app.ctx.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
}
