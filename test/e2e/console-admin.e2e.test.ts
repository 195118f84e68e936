/**
 * The console from a fresh install, in real Chromium: what an empty workspace
 * says, the keyboard path to the conversations, accessibility (axe) of
 * sign-in, inbox and conversation, form errors next to their fields, the
 * inbox editor (position, allowed origins), invite links and a disabled
 * account's sign-in.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { type Operator, operator } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let op: Operator;
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  op = await operator(s, await login(s.url));
  ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });
const list = () => page.getByRole('region', { name: 'Conversations' });
const activeText = (p: Page) =>
  p.evaluate(() => `${document.activeElement?.tagName}:${document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent}`);

/** The error message a control points to with aria-describedby, and whether it says it is invalid. */
const fieldState = (control: Locator) =>
  control.evaluate((el) => ({
    invalid: el.getAttribute('aria-invalid'),
    message: (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim(),
  }));

async function signIn(p: Page, email = s.admin.email, password = s.admin.password): Promise<void> {
  await p.getByLabel('Email').fill(email);
  await p.getByLabel('Password').fill(password);
  await p.getByRole('button', { name: 'Sign in' }).click();
}

describe('a fresh workspace', () => {
  it('signs in to an accessible screen, puts the focus on the conversations and says there are none yet', async () => {
    await page.goto(`${s.url}/console/`);
    await visible(page.getByRole('button', { name: 'Sign in' }));
    expect(await axeProblems(page)).toEqual([]);
    await signIn(page);
    await visible(list());
    await expect.poll(() => activeText(page)).toBe('SECTION:Conversations');
    await visible(list().getByText('No conversations yet'));
    expect(await list().textContent()).not.toContain('All caught up');
    expect(await axeProblems(page)).toEqual([]);

    // Live: the first visitor message replaces the notice.
    const v = await newVisitor(s.url, s.websiteKey);
    const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await c.waitFor('welcome');
    await c.client.send({ body: 'First visitor ever' });
    c.close();
    await visible(list().getByText('First visitor ever'));
    expect(await list().textContent()).not.toContain('No conversations yet');
  });

  it('starts with a "Skip to conversations" link that takes the focus to the list', async () => {
    await page.reload();
    await visible(list());
    await page.keyboard.press('Tab');
    expect(await activeText(page)).toBe('A:Skip to conversations');
    await visible(page.getByRole('link', { name: 'Skip to conversations' }));
    await page.keyboard.press('Enter');
    await expect.poll(() => activeText(page)).toBe('SECTION:Conversations');
    // From the settings too.
    await page.getByRole('link', { name: 'Settings' }).click();
    await visible(page.getByRole('heading', { name: 'Settings' }));
    await page.getByRole('link', { name: 'Skip to conversations' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => activeText(page)).toBe('SECTION:Conversations');
  });
});

describe('a conversation', () => {
  it('is accessible, and shows attachments with icons rather than symbols a font may lack', async () => {
    await list().getByText('First visitor ever').click();
    const messages = page.getByRole('log', { name: 'Messages' });
    await visible(messages.getByText('First visitor ever'));
    await page.locator('input[type=file]').setInputFiles({ name: 'size-guide.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
    const chips = page.getByRole('list', { name: 'Attached files' });
    await visible(chips.getByText('size-guide.pdf'));
    const chip = chips.getByRole('listitem').filter({ hasText: 'size-guide.pdf' });
    expect(await chip.locator('svg').count()).toBeGreaterThan(0);
    expect((await chip.textContent())?.trim()).toBe('size-guide.pdf');
    await page.getByLabel('Reply').fill('Our **size guide**, attached.');
    await page.getByRole('button', { name: 'Send' }).click();
    const file = messages.getByRole('link', { name: /size-guide\.pdf/ });
    await visible(file);
    expect(await file.locator('svg').count()).toBe(1);
    expect(await file.textContent()).toMatch(/^size-guide\.pdf\d+ B$/);
    await page.getByText('Sending…').waitFor({ state: 'hidden' });
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/console-conversation.png' });
  });
});

describe('forms', () => {
  it('shows each refused field’s message next to it, never as a path', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const editor = page.getByRole('form', { name: /^Inbox / });
    const origins = editor.getByLabel('Allowed origins (one per line)');
    await origins.fill('https://shop.example.com\nshop.example.com');
    await editor.getByRole('button', { name: 'Save inbox' }).click();
    await expect
      .poll(() => fieldState(origins))
      .toMatchObject({ invalid: 'true', message: expect.stringMatching(/^“shop\.example\.com”: Enter a full address such as https:\/\//) });
    expect(await page.locator('body').textContent()).not.toMatch(/body\.|settings\.allowedOrigins|Invalid URL/);
    expect(await editor.getByRole('alert').count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toMatch(/-origins$/);
    await page.screenshot({ path: '/tmp/console-field-error.png' });
    await origins.fill('');

    // Creating an operator: the server's word on the password, next to it.
    await page.getByLabel('Name', { exact: true }).fill('Short Pass');
    await page.getByLabel('Email address').fill('short@example.com');
    const password = page.getByLabel('Password (optional)');
    await password.fill('abc');
    await page.getByRole('button', { name: 'Create operator' }).click();
    await expect.poll(() => fieldState(password)).toMatchObject({ invalid: 'true', message: expect.stringMatching(/8 characters/) });
    expect(await page.getByRole('alert').count()).toBe(0);
    await password.fill('');
    await page.getByLabel('Name', { exact: true }).fill('');
    await page.getByLabel('Email address').fill('');
  });

  it('shows sign-in and invite problems next to their fields too', async () => {
    const other = await browser.newContext();
    const p = await other.newPage();
    await p.goto(`${s.url}/console/`);
    // The browser takes an address without a top-level domain; the server does not.
    await signIn(p, 'ana@shop', 'whatever-password');
    const email = p.getByLabel('Email');
    await expect.poll(() => fieldState(email)).toMatchObject({ invalid: 'true', message: 'Enter an email address such as name@example.com' });
    expect(await p.getByRole('alert').count()).toBe(0);
    expect(await p.locator('body').textContent()).not.toContain('body.');

    await p.goto(`${s.url}/console/#/invite/not-a-real-invite-token`);
    await p.getByLabel('Password').fill('short');
    await p.getByRole('button', { name: 'Accept invite' }).click();
    await expect.poll(() => fieldState(p.getByLabel('Password'))).toMatchObject({ invalid: 'true', message: expect.stringMatching(/8 characters/) });
    expect(await axeProblems(p)).toEqual([]);
    await other.close();
  });
});

describe('the inbox editor', () => {
  const editor = () => page.getByRole('form', { name: /^Inbox / });
  const stored = async () =>
    (await api<{ items: { settings: Record<string, unknown> }[] }>(s.url, '/api/v1/inboxes', { token: op.token })).body.items[0]!.settings;

  it('has a Position field, and a save keeps the launcher where it is', async () => {
    await op.setInbox({ position: 'left' });
    await page.reload();
    await editor().getByLabel('Position').waitFor();
    expect(await editor().getByLabel('Position').inputValue()).toBe('left');
    await editor().getByLabel('Greeting', { exact: true }).fill('Hello from the left');
    await editor().getByRole('button', { name: 'Save inbox' }).click();
    await visible(editor().getByRole('status').filter({ hasText: 'Saved' }));
    expect(await stored()).toMatchObject({ greeting: 'Hello from the left', position: 'left' });
    await editor().getByLabel('Position').selectOption('right');
    await editor().getByRole('button', { name: 'Save inbox' }).click();
    await expect.poll(async () => (await stored()).position).toBe('right');
  });

  it('warns admins while any website may embed the chat', async () => {
    const warning = editor().getByText(/^Any website can embed this chat/);
    await visible(warning);
    await editor().getByLabel('Allowed origins (one per line)').fill('https://shop.example.com');
    await editor().getByRole('button', { name: 'Save inbox' }).click();
    await warning.waitFor({ state: 'hidden' });
    expect(await stored()).toMatchObject({ allowedOrigins: ['https://shop.example.com'] });
    await op.setInbox({ allowedOrigins: [] });
  });
});

describe('operators', () => {
  it('shows this console’s address with the invite path when the server gives no full link', async () => {
    // This server has no PUBLIC_URL: it answers with the invite path only.
    await page.getByLabel('Name', { exact: true }).fill('Pat Path');
    await page.getByLabel('Email address').fill('pat@example.com');
    await page.getByRole('button', { name: 'Invite operator' }).click();
    const link = page.getByLabel('Invite link');
    await visible(link);
    expect(await link.inputValue()).toMatch(new RegExp(`^${s.url.replace(/[.]/g, '\\.')}/console/#/invite/[\\w-]+$`));
  });

  it('tells a disabled operator what the server says when they sign in', async () => {
    const created = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
      token: op.token,
      body: { email: 'gone@example.com', name: 'Gone', password: 'gone-password-1' },
    });
    await api(s.url, `/api/v1/operators/${created.body.operator.id}`, { method: 'PATCH', token: op.token, body: { disabled: true } });
    const said = await api<{ error: { message: string } }>(s.url, '/api/v1/auth/login', { body: { email: 'gone@example.com', password: 'gone-password-1' } });
    const other = await browser.newContext();
    const p = await other.newPage();
    await p.goto(`${s.url}/console/`);
    await signIn(p, 'gone@example.com', 'gone-password-1');
    const alert = p.getByRole('alert');
    await visible(alert);
    expect(await alert.textContent()).toBe(said.body.error.message);
    await other.close();
    expect(pageErrors).toEqual([]);
  });
});
