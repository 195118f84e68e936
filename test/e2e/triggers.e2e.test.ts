/**
 * Proactive triggers in real Chromium. The admin adds a trigger in Settings →
 * Triggers (the page passes axe): on product pages, after 10 seconds, a
 * message from the admin. A visitor on a product page of a shop on another
 * origin: nothing shows before the page's clock has moved 10 seconds (the
 * page's clock is moved, no waiting); then the message appears beside the
 * launcher as a region named "Message from <sender>"; Reply opens the chat on
 * a conversation that starts with the trigger's message, the visitor answers
 * in it, and Settings shows it shown once and replied once.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import type { TestClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, type Operator, operator, operatorOnline, serveShop } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let op: Operator;
let team: TestClient;
let adminName = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  op = await operator(s, await login(s.url));
  team = await operatorOnline(s, op.token);
  adminName = (await api<{ name: string }>(s.url, '/api/v1/auth/me', { token: op.token })).body.name;
});
afterAll(async () => {
  team?.close();
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
  await page.getByRole('link', { name: 'Settings' }).click();
  return page;
}

it('shows a trigger after 10 seconds on a product page; the visitor replies in the conversation it starts; Settings counts both', async () => {
  const consolePage = await operatorConsole();
  const section = consolePage.getByRole('region', { name: 'Triggers' });
  await section.getByRole('button', { name: 'Add trigger' }).click();
  const form = section.getByRole('form', { name: /^New trigger for / });
  await form.getByLabel('Trigger name').fill('Lamps');
  await form.getByLabel('URL pattern').fill('*/products/*');
  await form.getByLabel('Time on page (seconds)').fill('10');
  await form.getByLabel('Message', { exact: true }).fill('Need a hand choosing a lamp?');
  await form.getByLabel('Send as').selectOption({ label: adminName });
  await form.getByLabel('Show at most').selectOption('visit');
  expect(await axeProblems(consolePage)).toEqual([]);
  await form.getByRole('button', { name: 'Save trigger' }).click();
  await section.getByRole('row', { name: /Lamps/ }).waitFor();
  // Edited: renamed, the rest kept.
  await section.getByRole('button', { name: 'Edit Lamps' }).click();
  const edit = section.getByRole('form', { name: 'Edit trigger Lamps' });
  expect(await edit.getByLabel('URL pattern').inputValue()).toBe('*/products/*');
  await edit.getByLabel('Trigger name').fill('Lamp help');
  await edit.getByRole('button', { name: 'Save trigger' }).click();
  await section.getByRole('row', { name: /Lamp help/ }).waitFor();

  // The visitor, on a product page of the shop.
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.clock.install();
  const base = await serveShop(ctx, s, 'shop.example.com');
  const rules = page.waitForResponse((r) => r.url().includes('/api/v1/widget/triggers?'));
  await page.goto(`${base}products/lamp`);
  await page.getByRole('button', { name: 'Open chat' }).waitFor();
  expect((await rules).status()).toBe(200);
  const greeting = page.getByRole('region', { name: `Message from ${adminName}` });
  await page.clock.runFor(5_000);
  expect(await greeting.count()).toBe(0);
  const shown = page.waitForResponse((r) => r.url().includes('/impressions') && r.request().method() === 'POST');
  await page.clock.runFor(6_000);
  await greeting.waitFor();
  expect(await greeting.getByText('Need a hand choosing a lamp?').count()).toBe(1);
  await greeting.getByRole('button', { name: 'Dismiss message' }).waitFor();
  expect((await shown).status()).toBe(201);
  expect(await axeProblems(page)).toEqual([]);

  await greeting.getByRole('button', { name: 'Reply' }).click();
  await greeting.waitFor({ state: 'detached' });
  const chat = await chatFrame(page);
  await chat.locator('.msg').filter({ hasText: 'Need a hand choosing a lamp?' }).waitFor();
  await chat.getByLabel('Message').fill('Yes: which one is the brightest?');
  await chat.getByRole('button', { name: 'Send' }).click();
  await chat.locator('.msg').filter({ hasText: 'which one is the brightest' }).waitFor();

  // The conversation starts with the trigger's message from its sender, then the visitor's answer.
  const conversationId = await op.conversationWith('brightest');
  const history = await api<{ messages: { body: string; author: { kind: string; name: string | null } }[] }>(
    s.url,
    `/api/v1/conversations/${conversationId}/messages`,
    { token: op.token },
  );
  expect(history.body.messages.map((m) => [m.author.kind, m.body])).toEqual([
    ['operator', 'Need a hand choosing a lamp?'],
    ['visitor', 'Yes: which one is the brightest?'],
  ]);
  expect(history.body.messages[0]?.author.name).toBe(adminName);

  // Settings: shown once, replied once.
  await consolePage.reload();
  const counted = consolePage.getByRole('region', { name: 'Triggers' }).getByRole('row', { name: /Lamp help/ });
  await counted.waitFor();
  const cells = await counted.getByRole('cell').allTextContents();
  expect(cells.slice(0, 3)).toEqual(['1', '1', '100%']);
  await ctx.close();
});
