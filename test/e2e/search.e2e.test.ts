/**
 * Search in real Chromium: Ctrl+K opens it from anywhere, typing finds the
 * visitor's message with the matched word marked, Enter opens the
 * conversation at that message; `/` opens it too (outside a text field) and
 * finds the contact. axe on the open dialog. Articles: an admin's Enter opens
 * the draft found in Settings → Knowledge base's editor; an operator's
 * published hit opens the help centre in a new tab, a draft stays inert.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, visitorClient } from '../support/clients.js';
import { ADMIN, api, login, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
let conversationId = '';
const article = { draft: '', published: '', publishedUrl: '' };
const OPERATOR = { email: 'olga-search@example.com', password: 'lantern-orchard-basalt' };
const pageErrors: string[] = [];
const visible = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'visible', timeout });

beforeAll(async () => {
  s = await startTestServer();
  for (const body of ['Where is my kumquat marmalade order?', 'Something else entirely']) {
    const v = await newVisitor(s.url, s.websiteKey);
    const w = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await w.waitFor('welcome');
    const sent = await w.client.send({ body });
    if (body.includes('kumquat')) {
      conversationId = sent.conversationId;
      await api(s.url, '/api/v1/widget/identify', {
        token: v.visitorToken,
        headers: { 'x-website-key': s.websiteKey },
        body: { name: 'Kumiko Quatro', email: 'kumiko@example.com' },
      });
    }
    w.close();
  }
  const admin = await login(s.url);
  const made = async (title: string, slug: string, body: string) =>
    (await api<{ id: string; url: string }>(s.url, '/api/v1/articles', { token: admin, body: { title, slug, body } })).body;
  article.draft = (await made('Pelican feeding guide', 'pelican-feeding', 'Feed the **pelican** twice a day.')).id;
  const pub = await made('Pelican travel crates', 'pelican-crates', 'Crates for a pelican on the move.');
  article.published = pub.id;
  article.publishedUrl = pub.url;
  expect((await api(s.url, `/api/v1/articles/${pub.id}/publish`, { token: admin, body: {} })).status).toBe(200);
  await api(s.url, '/api/v1/operators', { token: admin, body: { ...OPERATOR, name: 'Olga', role: 'operator' } });
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('region', { name: 'Conversations' }));
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('search in the console', () => {
  it('Ctrl+K, type, see the marked message, Enter opens the conversation at it', async () => {
    await page.keyboard.press('Control+K');
    const box = page.getByRole('combobox', { name: 'Search messages and contacts' });
    await visible(box);
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('kumq');
    const results = page.getByRole('listbox', { name: 'Results' });
    const option = results.getByRole('group', { name: 'Messages' }).getByRole('option').first();
    await visible(option);
    expect(await option.locator('mark').first().textContent()).toBe('kumquat');
    expect(await option.textContent()).toContain('Where is my kumquat marmalade order?');
    expect(await results.getByRole('group', { name: 'Contacts' }).count()).toBe(0);
    expect(await axeProblems(page, { include: '.search-dialog' })).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/c/${conversationId}`);
    await visible(page.getByRole('log', { name: 'Messages' }).getByText('Where is my kumquat marmalade order?'));
    await expect.poll(() => page.locator('.search-found').count()).toBe(1);
    expect(await box.isVisible()).toBe(false);
  });

  it('/ opens it outside a text field; Enter opens the contact found', async () => {
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: 'Search messages and contacts' });
    await visible(box);
    await box.fill('kumiko');
    const contact = page.getByRole('group', { name: 'Contacts' }).getByRole('option').first();
    await visible(contact);
    expect(await contact.locator('mark').first().textContent()).toBe('Kumiko');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/contacts\//);
    expect(pageErrors).toEqual([]);
  });

  it('an admin opens an article found, a draft too, in the Knowledge base editor', async () => {
    const box = page.getByRole('combobox', { name: 'Search messages and contacts' });
    // The search the last test left with Enter has closed (Ctrl+K while it is still open opens nothing new).
    await box.waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+K');
    await visible(box);
    await box.fill('pelican feed');
    const group = page.getByRole('listbox', { name: 'Results' }).getByRole('group', { name: 'Articles' });
    const option = group.getByRole('option').first();
    await visible(option);
    expect(await group.getByRole('option').count()).toBe(1);
    expect(await option.locator('mark').allTextContents()).toEqual(['Pelican', 'feeding', 'Feed', 'pelican']);
    expect(await option.textContent()).toContain('Draft');
    expect(await axeProblems(page, { include: '.search-dialog' })).toEqual([]);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/settings/articles/${article.draft}`);
    const editor = page.getByRole('region', { name: 'Knowledge base', exact: true }).getByRole('form', { name: 'Article' });
    await visible(editor);
    await expect.poll(() => editor.getByLabel('Title').inputValue()).toBe('Pelican feeding guide');
    expect(await box.isVisible()).toBe(false);
  });

  it("an operator's published hit opens the help centre in a new tab; a draft is shown but leads nowhere", async () => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    const op = await ctx.newPage();
    op.on('pageerror', (e) => pageErrors.push(e.message));
    await op.goto(`${s.url}/console/`);
    await op.getByLabel('Email').fill(OPERATOR.email);
    await op.getByLabel('Password').fill(OPERATOR.password);
    await op.getByRole('button', { name: 'Sign in' }).click();
    await visible(op.getByRole('region', { name: 'Conversations' }));
    await op.keyboard.press('Control+K');
    const box = op.getByRole('combobox', { name: 'Search messages and contacts' });
    await visible(box);
    await box.fill('pelican');
    const group = op.getByRole('group', { name: 'Articles' });
    await expect.poll(() => group.getByRole('option').count()).toBe(2);
    const draft = group.getByRole('option', { name: /Pelican feeding guide/ });
    expect(await draft.getAttribute('aria-disabled')).toBe('true');
    const before = await op.evaluate(() => location.hash);
    await draft.click({ force: true }); // Playwright itself will not click an aria-disabled option: forced, as a person's click would be
    expect(await box.isVisible()).toBe(true);
    expect(await op.evaluate(() => location.hash)).toBe(before);
    expect(ctx.pages()).toHaveLength(1);
    const [tab] = await Promise.all([ctx.waitForEvent('page'), group.getByRole('option', { name: /Pelican travel crates/ }).click()]);
    await tab.waitForLoadState('domcontentloaded');
    expect(new URL(tab.url()).pathname).toBe(article.publishedUrl);
    await visible(tab.getByRole('heading', { name: 'Pelican travel crates' }));
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });
});
