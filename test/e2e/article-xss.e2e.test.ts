/**
 * The XSS corpus (test/support/xss-corpus.ts) in real Chromium: articles whose
 * Markdown, titles and descriptions are the corpus, in a category named with
 * it, shown on every public help-centre page (home, category, article,
 * search) and in the console (Settings → Knowledge base: the list, the editor
 * and its preview; the reply box's Insert article panel). Every payload sets
 * window.__xss if it runs, or opens a dialog: after each page neither happened.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, type TestClient, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { XSS_MARKDOWN, XSS_PAYLOADS, XSS_TITLE } from '../support/xss-corpus.js';

let s: TestServer;
let browser: Browser;
let page: Page;
let owner: string;
let ws: string;
let visitor: TestClient;
let conversationId: string;
const articles: { id: string; url: string; title: string }[] = [];
const dialogs: string[] = [];
const pageErrors: string[] = [];

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });
/** What ran: the page flag, and any dialog (alert, prompt, confirm) opened so far. */
const ran = async () => ({ xss: await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null), dialogs: [...dialogs] });
const NOTHING = { xss: null, dialogs: [] };

beforeAll(async () => {
  s = await startTestServer();
  owner = await login(s.url);
  ws = (await s.app.ctx.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
  const category = await api<{ id: string }>(s.url, '/api/v1/article-categories', {
    token: owner,
    body: { name: XSS_TITLE.slice(0, 80), slug: 'xss', description: XSS_TITLE },
  });
  const bodies = [`Refund policy. ${XSS_MARKDOWN}`, ...XSS_PAYLOADS.slice(0, 5).map((p) => `Refund help. ${p}`)];
  for (const [i, body] of bodies.entries()) {
    const title = i === 0 ? XSS_TITLE : `${XSS_PAYLOADS[i - 1]} refund ${i}`;
    const r = await api<{ id: string; url: string }>(s.url, '/api/v1/articles', {
      token: owner,
      body: { title, slug: `xss-${i}`, description: XSS_TITLE, body, categoryId: category.body.id },
    });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    await api(s.url, `/api/v1/articles/${r.body.id}/publish`, { token: owner, body: {} });
    articles.push({ id: r.body.id, url: r.body.url, title });
  }
  const v = await newVisitor(s.url, s.websiteKey);
  visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  conversationId = (await visitor.client.send({ body: 'How do I get a refund? <img src=x onerror="window.__xss=900">' })).conversationId;
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
});

afterAll(async () => {
  visitor?.close();
  await browser?.close();
  await s?.close();
});

describe('the XSS corpus on the public help centre', () => {
  it('the flag works: a payload that does run sets it (on a blank page, without the product)', async () => {
    await page.setContent(XSS_PAYLOADS[0]!);
    await expect.poll(async () => (await ran()).xss).toBe(1);
    await page.goto('about:blank');
    expect(await ran()).toEqual(NOTHING);
  });

  it('home, category, each article and searches run nothing', async () => {
    await page.goto(`${s.url}/help/${ws}`);
    await visible(page.getByRole('link', { name: XSS_TITLE }).first());
    expect(await ran()).toEqual(NOTHING);

    await page.goto(`${s.url}/help/${ws}/categories/xss`);
    await visible(page.getByRole('heading', { level: 1, name: XSS_TITLE.slice(0, 80) }));
    expect(await ran()).toEqual(NOTHING);

    for (const a of articles) {
      await page.goto(`${s.url}${a.url}`);
      await visible(page.getByRole('heading', { level: 1, name: a.title }).first());
      expect(await ran(), a.url).toEqual(NOTHING);
    }
    // The corpus shows as text on the article that holds it all.
    await page.goto(`${s.url}${articles[0]!.url}`);
    await visible(page.getByText('<img src=x onerror="window.__xss=1">').first());
    expect(await page.locator('main script, main iframe, main svg, main object, a[href^="javascript" i], [onerror], [onload]').count()).toBe(0);

    for (const q of [XSS_TITLE, ...XSS_PAYLOADS.slice(0, 6)]) {
      await page.goto(`${s.url}/help/${ws}/search?q=${encodeURIComponent(q)}`);
      await visible(page.getByRole('search'));
      expect(await ran(), q).toEqual(NOTHING);
    }
  });
});

describe('the XSS corpus in the console', () => {
  it('the Knowledge base list, the editor and its preview run nothing', async () => {
    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('log', { name: 'Messages' }).getByText('How do I get a refund?', { exact: false }));
    await page.getByRole('link', { name: 'Settings' }).click();
    const kb = page.getByRole('region', { name: 'Knowledge base', exact: true });
    await visible(kb.getByRole('cell', { name: XSS_TITLE, exact: true }));
    expect(await ran()).toEqual(NOTHING);
    await kb.getByRole('button', { name: `Edit ${XSS_TITLE}` }).click();
    const preview = kb.getByRole('region', { name: 'Preview' });
    await visible(preview.getByText('<img src=x onerror="window.__xss=1">').first());
    expect(await preview.locator('script, iframe, svg, object, img[onerror], [onload], a[href^="javascript" i]').count()).toBe(0);
    expect(await ran()).toEqual(NOTHING);
  });

  it('the Insert article panel shows titles and excerpts as text and runs nothing', async () => {
    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    await visible(page.getByRole('log', { name: 'Messages' }).getByText('How do I get a refund?', { exact: false }));
    await page.getByRole('button', { name: 'Articles', exact: true }).click();
    const panel = page.getByRole('dialog', { name: 'Insert article' });
    await visible(panel.getByRole('listitem').first());
    expect(await ran()).toEqual(NOTHING);
    await page.getByLabel('Search articles').fill('img src onerror refund');
    await visible(panel.getByRole('list', { name: 'Articles found' }));
    await visible(panel.getByText(XSS_PAYLOADS[0]!, { exact: false }).first());
    expect(await panel.locator('img, script, svg, iframe').count()).toBe(0);
    expect(await ran()).toEqual(NOTHING);
    await panel.getByRole('button', { name: 'Insert excerpt' }).first().click();
    expect(await page.getByLabel('Reply', { exact: true }).inputValue()).toContain('/help/');
    expect(await ran()).toEqual(NOTHING);
    expect(pageErrors).toEqual([]);
  });
});
