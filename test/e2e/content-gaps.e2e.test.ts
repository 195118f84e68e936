/**
 * The curation loop in real Chromium: a visitor asks in the widget something
 * no article covers; once the server's job has checked the question, the
 * admin sees it under "Content gaps" in Settings → Knowledge base, with a
 * link to the conversation, clicks "Create draft", and the new draft opens in
 * the editor, titled after the question. The section passes the
 * accessibility check.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import type { TestClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, operatorOnline } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let page: Page;
let team: TestClient;
const pageErrors: string[] = [];
const QUESTION = 'How do I export my invoices as PDF files?';

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  // The team is at work: the visitor chats (with nobody online they get the offline form).
  team = await operatorOnline(s);
  // One published article, about something else.
  const token = await login(s.url);
  const a = await api<{ id: string }>(s.url, '/api/v1/articles', {
    token,
    body: { title: 'Opening hours', slug: 'opening-hours', body: 'We answer chats from 9 to 5 on weekdays.' },
  });
  await api(s.url, `/api/v1/articles/${a.body.id}/publish`, { token, body: {} });
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  team?.close();
  await browser?.close();
  await s?.close();
});

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });
const kb = () => page.getByRole('region', { name: 'Knowledge base', exact: true });
const gaps = () => kb().getByRole('region', { name: 'Content gaps', exact: true });

it('a question no article covers shows up under content gaps, and "Create draft" opens a draft from it', async () => {
  const visitor = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const shop = await visitor.newPage();
  await shop.goto(`${s.url}/`);
  await shop.getByRole('button', { name: 'Open chat' }).click();
  const chat = await chatFrame(shop);
  await chat.getByLabel('Message').fill(QUESTION);
  await chat.getByRole('button', { name: 'Send' }).click();
  await chat.locator('.msg.mine:not(.pending)').filter({ hasText: QUESTION }).waitFor();
  await visitor.close();

  // The check is a durable job: run what is due until the question is stored.
  await expect
    .poll(
      async () => {
        await s.app.ctx.jobs.runDue();
        return (await s.app.ctx.db.selectFrom('content_gap_questions').select('text').execute()).map((q) => q.text);
      },
      { timeout: 10_000 },
    )
    .toEqual([QUESTION]);

  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await visible(gaps());
  const gap = gaps().getByRole('listitem', { name: QUESTION });
  await visible(gap);
  await visible(gap.getByText('asked once'));
  const link = gap.getByRole('link', { name: 'Open the conversation' });
  expect(await link.getAttribute('href')).toMatch(/^#\/c\/\w+/);
  await visible(kb().getByRole('heading', { name: 'FAQ drafts', exact: true }));
  await visible(kb().getByRole('button', { name: 'Find FAQ drafts' }));
  for (const column of ['Views', 'Helpful', 'Not helpful', 'Chats avoided', 'Inserted']) {
    await visible(kb().getByRole('columnheader', { name: column, exact: true }));
  }
  expect(await axeProblems(page, { include: 'section[aria-labelledby="kb-gaps-title"]' })).toEqual([]);
  await kb().screenshot({ path: '/tmp/kb-curation.png' });

  await gap.getByRole('button', { name: 'Create draft' }).click();
  const editor = kb().getByRole('form', { name: 'Article' });
  await visible(editor);
  await expect.poll(() => editor.getByLabel('Title').inputValue()).toBe(QUESTION);
  expect(await editor.getByLabel('Body (Markdown)').inputValue()).toContain(`- ${QUESTION}`);
  await visible(kb().getByRole('row', { name: new RegExp(`${QUESTION.replace(/\?/g, '\\?')}.*Draft`) }));
  expect(pageErrors).toEqual([]);
});
