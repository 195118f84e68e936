/**
 * Reply suggestions (G1) in real Chromium: with an article about resetting a
 * password published, the visitor asks "How do I reset my password?"; the
 * operator with the conversation open sees a suggestion with its source
 * above the composer, inserts it with Alt+1 (for editing, never sent by
 * itself), sends it, and the visitor receives it. Shown, inserted and sent
 * are recorded.
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
let visitor: TestClient;
let conversationId: string;
const pageErrors: string[] = [];
const PASSAGE = 'To reset your password, open Sign in, choose Forgot password and follow the link we email you.';

const visible = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'visible', timeout });

beforeAll(async () => {
  s = await startTestServer();
  const owner = await login(s.url);
  const r = await api<{ id: string }>(s.url, '/api/v1/articles', {
    token: owner,
    body: {
      title: 'Resetting your password',
      slug: 'reset-password',
      description: 'Sign in again when you forgot your password',
      locale: 'en',
      categoryId: null,
      translationOf: null,
      body: `Your account keeps your orders and addresses.\n\n${PASSAGE}`,
    },
  });
  await api(s.url, `/api/v1/articles/${r.body.id}/publish`, { token: owner, body: {} });
  await s.app.ctx.articles.settled();
  const v = await newVisitor(s.url, s.websiteKey);
  visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  conversationId = (await visitor.client.send({ body: 'Hi there' })).conversationId;
  visitor.client.subscribe(conversationId);
  // The word vectors are read once per process (seconds): before the question, as a server with articles does at start.
  const workspaceId = (await s.app.ctx.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow()).id;
  await s.app.ctx.articles.find(workspaceId, 'password');
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 60_000);

afterAll(async () => {
  visitor?.close();
  await browser?.close();
  await s?.close();
});

describe('Suggested replies', () => {
  const reply = () => page.getByLabel('Reply', { exact: true });
  const region = () => page.getByRole('region', { name: 'Suggested replies' });

  it('the operator sees a suggestion with its source for the visitor’s question, inserts it with Alt+1 and sends it', async () => {
    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('log', { name: 'Messages' }).getByText('Hi there'));
    expect(await region().count()).toBe(0);

    await visitor.client.send({ conversationId, body: 'How do I reset my password?' });
    await visible(region(), 30_000);
    await visible(region().getByText(PASSAGE));
    const source = region().getByRole('link', { name: 'Resetting your password' });
    expect(await source.getAttribute('href')).toMatch(/^http:\/\/.*\/help\/.*\/reset-password$/);
    await visible(region().getByRole('button', { name: 'Insert suggestion 1' }));
    expect(await axeProblems(page)).toEqual([]);

    await reply().focus();
    await page.keyboard.press('Alt+1');
    await expect.poll(() => reply().inputValue()).toBe(PASSAGE);
    // Inserted for editing, never sent by itself.
    expect(visitor.messages(conversationId).filter((m) => m.author.kind === 'operator')).toEqual([]);
    await page.screenshot({ path: '/tmp/reply-suggestions.png' });
    await reply().press('Enter');
    const received = await visitor.waitFor('message', (f) => f.message.author.kind === 'operator');
    expect(received.message.body).toBe(PASSAGE);
    await expect.poll(() => region().count()).toBe(0);
    await expect
      .poll(async () =>
        (await s.app.ctx.db.selectFrom('reply_suggestion_events').select(['action', 'source_kind']).where('conversation_id', '=', conversationId).execute())
          .map((e) => `${e.source_kind}:${e.action}`)
          .sort(),
      )
      .toEqual(['article:inserted', 'article:sent', 'article:shown']);
    expect(pageErrors).toEqual([]);
  });
});
