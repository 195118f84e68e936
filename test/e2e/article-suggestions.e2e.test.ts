/**
 * Article suggestions in the widget, in real Chromium: an admin publishes an
 * article over the API; a visitor types a question in the chat, sees it under
 * "Suggested articles", reads it inside the widget (the heading takes the
 * focus; Back returns it to the list), answers "Did this help?" with Yes, is
 * thanked, and the vote is stored with the visitor. An article whose title
 * and body try to run script shows them as text: no dialog, no script.
 */
import type { Browser, BrowserContext, Dialog, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import type { TestClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, operatorOnline } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let team: TestClient;
let token: string;
const dialogs: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  token = await login(s.url);
  // The team is at work: the visitor gets the chat (with nobody online, the offline form).
  team = await operatorOnline(s, token);
});
afterAll(async () => {
  team?.close();
  await browser?.close();
  await s?.close();
});

async function publish(title: string, slug: string, body: string): Promise<string> {
  const created = await api<{ id: string }>(s.url, '/api/v1/articles', { token, body: { title, slug, body, description: '' } });
  expect(created.status).toBe(201);
  expect((await api(s.url, `/api/v1/articles/${created.body.id}/publish`, { token, body: {} })).status).toBe(200);
  await s.app.ctx.articles.settled();
  return created.body.id;
}

async function openChat(): Promise<{ ctx: BrowserContext; page: Page; chat: Frame }> {
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await ctx.newPage();
  page.on('dialog', (d: Dialog) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  await page.goto(`${s.url}/`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const chat = await chatFrame(page);
  await chat.getByLabel('Message').waitFor();
  return { ctx, page, chat };
}

it('suggests an article as the visitor types, shows it in the widget, and stores their "Yes"', async () => {
  const id = await publish(
    'Get a refund',
    'get-a-refund',
    'Refunds are paid back to your card within **5 days**.\n\nOpen Orders, choose the order, then [Refund](https://example.com/refunds).',
  );
  const { ctx, page, chat } = await openChat();
  await chat.getByLabel('Message').pressSequentially('How do I get a refund for my order?');
  const suggested = chat.getByRole('region', { name: 'Suggested articles' });
  const choice = suggested.getByRole('button', { name: 'Get a refund' });
  await choice.waitFor();
  expect(await axeProblems(chat)).toEqual([]);
  await page.screenshot({ path: '/tmp/widget-suggestions.png' });

  await choice.click();
  const heading = chat.getByRole('heading', { name: 'Get a refund' });
  await heading.waitFor();
  expect(await heading.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await chat.locator('.article-body strong').textContent()).toBe('5 days');
  const outbound = chat.locator('.article-body a', { hasText: 'Refund' });
  expect(await outbound.getAttribute('target')).toBe('_blank');
  expect(await outbound.getAttribute('rel')).toContain('noopener');
  const help = chat.getByRole('link', { name: 'Open in help centre' });
  expect(await help.getAttribute('href')).toMatch(/^\/help\/[^/]+\/en\/get-a-refund$/);
  expect(await help.getAttribute('target')).toBe('_blank');
  // The composer waits behind the article, with what the visitor typed.
  expect(await chat.getByLabel('Message').isVisible()).toBe(false);
  expect(await axeProblems(chat)).toEqual([]);

  const ask = chat.getByRole('group', { name: 'Did this help?' });
  await ask.getByRole('button', { name: 'Yes' }).click();
  await chat.getByRole('status').filter({ hasText: 'Thanks for your feedback' }).waitFor();
  await page.screenshot({ path: '/tmp/widget-article.png' });

  const votes = await s.app.ctx.db.selectFrom('article_votes').selectAll().where('article_id', '=', id).execute();
  expect(votes).toHaveLength(1);
  expect(Number(votes[0]!.helpful)).toBe(1);
  const views = await s.app.ctx.db.selectFrom('article_events').selectAll().where('article_id', '=', id).where('source', '=', 'widget').execute();
  expect(views.map((v) => v.visitor_id)).toEqual([votes[0]!.visitor_id]);
  const visitor = await s.app.ctx.db.selectFrom('visitors').select('id').where('id', '=', votes[0]!.visitor_id).executeTakeFirst();
  expect(visitor).toBeTruthy();

  // Back: the chat again, the focus on the article chosen, the question still there.
  await chat.getByRole('button', { name: 'Back', exact: true }).click();
  await choice.waitFor();
  expect(await choice.evaluate((el) => el === document.activeElement)).toBe(true);
  expect(await chat.getByLabel('Message').inputValue()).toBe('How do I get a refund for my order?');
  expect(dialogs).toEqual([]);
  await ctx.close();
});

it('shows an article whose title and body try to run script as inert text', async () => {
  const title = 'Refund policy <img src=x onerror="window.__xss=1;alert(1)">';
  await publish(
    title,
    'refund-policy-xss',
    [
      'Our refund policy in short.',
      '<img src=x onerror="window.__xss=2;alert(2)">',
      '[Click for the refund policy](javascript:window.__xss=3)',
      '<a href="javascript:window.__xss=4">refund link</a>',
      '<script>window.__xss=5</script>',
    ].join('\n\n'),
  );
  const { ctx, page, chat } = await openChat();
  await chat.getByLabel('Message').pressSequentially('What is your refund policy?');
  const choice = chat.getByRole('region', { name: 'Suggested articles' }).getByRole('button', { name: title });
  await choice.waitFor();
  await choice.click();
  await chat.getByRole('heading', { name: title }).waitFor();
  // Whatever looks like a link in it: none leads to script, and clicking does nothing.
  const body = chat.locator('.article-body');
  expect(await body.locator('img, script, [onerror]').count()).toBe(0);
  const hrefs = await body.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
  await body.getByText('<script>window.__xss=5</script>').waitFor();
  for (const text of ['Click for the refund policy', 'refund link']) {
    const el = body.getByText(text, { exact: false }).first();
    if (await el.count()) await el.click();
  }
  await chat.getByRole('group', { name: 'Did this help?' }).getByRole('button', { name: 'No' }).click();
  await chat.getByRole('status').filter({ hasText: 'Thanks for your feedback' }).waitFor();
  expect(await chat.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await ctx.close();
});

it('suggests articles under the message of the pre-chat form too, keeping what the visitor filled in', async () => {
  const inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token })).body.items[0]!.id;
  const setPreChat = (enabled: boolean) =>
    api(s.url, `/api/v1/inboxes/${inboxId}`, {
      method: 'PATCH',
      token,
      body: { settings: { preChat: { enabled, fields: enabled ? [{ type: 'name', required: true }] : [] } } },
    });
  expect((await setPreChat(true)).status).toBe(200);
  try {
    await publish('Change your password', 'change-password', 'Open Settings, then Security, then Change password.');
    const { ctx, chat } = await openChat();
    const form = chat.getByRole('form', { name: 'Before we start' });
    await form.getByLabel('Name').fill('Maya');
    await form.getByLabel('Message').pressSequentially('I forgot my password');
    const choice = form.getByRole('region', { name: 'Suggested articles' }).getByRole('button', { name: 'Change your password' });
    await choice.click();
    await chat.getByRole('heading', { name: 'Change your password' }).waitFor();
    await chat.getByRole('button', { name: 'Back', exact: true }).click();
    await choice.waitFor();
    expect(await choice.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await form.getByLabel('Name').inputValue()).toBe('Maya');
    expect(await form.getByLabel('Message').inputValue()).toBe('I forgot my password');
    await ctx.close();
  } finally {
    await setPreChat(false);
  }
});
