/**
 * The virtual agent (G5) in real Chromium: an admin turns it on in Settings →
 * Virtual agent; a visitor asks "How do I reset my password?" in the widget
 * and gets the answer from the published article, marked as the bot's, with
 * the article it comes from; the visitor clicks "Talk to a person", reads
 * that a person is coming, and the operator at the console receives the
 * conversation (routing assigns it to them).
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let token: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  token = await login(s.url);
  // The admin's team takes the inbox's conversations, handed out by routing.
  const me = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token })).body;
  const team = await api<{ id: string }>(s.url, '/api/v1/teams', { token, body: { name: 'Front desk', memberIds: [me.id] } });
  await api(s.url, `/api/v1/teams/${team.body.id}/routing`, { method: 'PATCH', token, body: { mode: 'round_robin', defaultCapacity: 5 } });
  const inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token })).body.items[0]!.id;
  await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token, body: { defaultTeamId: team.body.id } });
  const a = await api<{ id: string }>(s.url, '/api/v1/articles', {
    token,
    body: {
      title: 'Reset your password',
      slug: 'reset-password',
      description: '',
      body: 'Forgot it? It happens.\n\nOpen Settings, choose Security and click Reset password.',
    },
  });
  expect((await api(s.url, `/api/v1/articles/${a.body.id}/publish`, { token, body: {} })).status).toBe(200);
  await s.app.ctx.articles.settled();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  expect(pageErrors).toEqual([]);
});

async function operatorConsole(): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('region', { name: 'Conversations' }).waitFor();
  return page;
}

async function visitorChat(): Promise<Frame> {
  const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.url}/`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const chat = await chatFrame(page);
  await chat.getByLabel('Message').waitFor();
  return chat;
}

it('answers from an article with its source, and hands the visitor to the operator on "Talk to a person"', async () => {
  const operator = await operatorConsole();
  // The admin turns the virtual agent on for the inbox.
  await operator.getByRole('link', { name: 'Settings' }).click();
  const form = operator.getByRole('region', { name: 'Virtual agent' }).getByRole('form').first();
  await form.getByLabel('Answer with the virtual agent').check();
  await form.getByLabel('Virtual agent name').fill('Ava');
  await form.getByRole('button', { name: 'Save virtual agent' }).click();
  await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  expect(await axeProblems(operator)).toEqual([]);
  await operator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox', exact: true }).click();
  await operator
    .getByRole('group', { name: 'Inbox view' })
    .getByRole('button', { name: /^Mine\b/ })
    .click();

  const chat = await visitorChat();
  await chat.getByLabel('Message').fill('How do I reset my password?');
  await chat.getByRole('button', { name: 'Send' }).click();
  const answer = chat.locator('.msg.bot').filter({ hasText: 'Open Settings, choose Security' });
  await answer.waitFor();
  expect(await answer.locator('.who').textContent()).toContain('Ava');
  expect(await answer.locator('.bot-mark').textContent()).toBe('Bot');
  await answer.getByText('Source: Reset your password').waitFor();
  const ask = chat.getByRole('button', { name: 'Talk to a person' });
  await ask.waitFor();
  expect(await axeProblems(chat)).toEqual([]);

  await ask.click();
  await chat.getByText('Connecting you with a person').waitFor();
  await ask.waitFor({ state: 'hidden' });
  // The operator receives it: routing assigns it to them, and their console lists it with the bot's answer.
  const conv = operator.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: 'Ava (bot): ' });
  await conv.waitFor();
  await conv.click();
  await operator.getByRole('log', { name: 'Messages' }).getByText('Ava (bot)').first().waitFor();
  // …with the summary the handover made: the visitor's problem, what the bot did.
  const summary = operator.getByRole('region', { name: 'Conversation summary' });
  await summary.getByRole('list', { name: 'Problem' }).getByText('How do I reset my password?').waitFor();
  await summary
    .getByRole('list', { name: 'Done' })
    .getByText(/Open Settings, choose Security/)
    .first()
    .waitFor();
  const list = await api<{ items: { assigneeId: string | null }[] }>(s.url, '/api/v1/conversations?view=all', { token });
  const me = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token })).body;
  expect(list.body.items.map((c) => c.assigneeId)).toEqual([me.id]);
}, 90_000);
