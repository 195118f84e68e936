/**
 * Identity from the website, in real Chromium: Settings → Inboxes shows the
 * identity secret once and rotates it; a shop page that says who its user is
 * with `Switchboard('identify', …, { hash })` (the stub queues the call
 * before the loader runs; the test computes the hash on "the site's server"
 * with the secret the console showed) lets that user see their past
 * conversation on a second device, and a forged hash shows nothing of it;
 * the console says who is verified, in words; an inbox that requires a
 * verified identity asks the others to sign in on the site.
 */
import { createHmac } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, type Operator, operator, serveShop } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let op: Operator;
let consoleCtx: BrowserContext;
let consolePage: Page;
let secret = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  op = await operator(s, await login(s.url));
  consoleCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  consolePage = await consoleCtx.newPage();
  consolePage.on('pageerror', (e) => pageErrors.push(e.message));
  await consolePage.goto(`${s.url}/console/`);
  await consolePage.getByLabel('Email').fill(s.admin.email);
  await consolePage.getByLabel('Password').fill(s.admin.password);
  await consolePage.getByRole('button', { name: 'Sign in' }).click();
  await consolePage.getByRole('region', { name: 'Conversations' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });
const hmac = (key: string, id: string) => createHmac('sha256', key).update(id).digest('hex');
const identifying = (user: Record<string, unknown>, hash: string) =>
  'window.Switchboard=window.Switchboard||function(){(Switchboard.q=Switchboard.q||[]).push(arguments)};' +
  `Switchboard('identify', ${JSON.stringify(user)}, { hash: ${JSON.stringify(hash)} });`;

/** A device: its own browser context on the shop, which identifies its user as the page loads. */
async function device(script: string) {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const url = await serveShop(ctx, s, 'shop.example.com', script);
  const identified = page.waitForResponse((r) => r.url().includes('/api/v1/widget/identify'));
  await page.goto(url);
  const answer = (await (await identified).json()) as { verified: boolean };
  await page.getByRole('button', { name: 'Open chat' }).click();
  const chat = await chatFrame(page);
  return { ctx, page, chat, verified: answer.verified, log: chat.getByRole('log', { name: 'Conversation' }) };
}

describe('Settings → Inboxes', () => {
  it('shows the identity secret once, rotates it with a warning, and the new part is accessible', async () => {
    await consolePage.getByRole('link', { name: 'Settings' }).click();
    const editor = consolePage.getByRole('form', { name: /^Inbox / });
    const part = editor.getByRole('group', { name: 'Identity verification' });
    await visible(part.getByText('No secret yet'));
    expect(await part.getByLabel('Require verified identity').isChecked()).toBe(false);
    expect(await axeProblems(consolePage, { include: 'fieldset.identity-verification' })).toEqual([]);

    await part.getByRole('button', { name: 'Generate secret' }).click();
    const field = part.getByLabel('Identity secret');
    await visible(field);
    const first = await field.inputValue();
    expect(first).toMatch(/^ids_[0-9a-f]{64}$/);
    await visible(part.getByRole('status').filter({ hasText: 'shown only this once' }));
    await visible(part.getByText(/^Node:/));
    expect(await axeProblems(consolePage, { include: 'fieldset.identity-verification' })).toEqual([]);

    // Never again: not after a reload, not in what the console is sent.
    const inboxes = consolePage.waitForResponse((r) => r.url().endsWith('/api/v1/inboxes') && r.request().method() === 'GET');
    await consolePage.reload();
    expect(await (await inboxes).text()).not.toContain(first);
    const again = consolePage.getByRole('form', { name: /^Inbox / }).getByRole('group', { name: 'Identity verification' });
    await visible(again.getByText(/^Secret made /));
    expect(await again.getByLabel('Identity secret').count()).toBe(0);
    expect(await consolePage.content()).not.toContain(first);

    await again.getByRole('button', { name: 'Rotate secret' }).click();
    await visible(again.getByText(/stops working at once/));
    expect(await axeProblems(consolePage, { include: 'fieldset.identity-verification' })).toEqual([]);
    await again.getByRole('button', { name: 'Rotate now' }).click();
    const rotated = again.getByLabel('Identity secret');
    await visible(rotated);
    secret = await rotated.inputValue();
    expect(secret).toMatch(/^ids_[0-9a-f]{64}$/);
    expect(secret).not.toBe(first);
    await part.screenshot({ path: '/tmp/identity-settings.png' }).catch(() => again.screenshot({ path: '/tmp/identity-settings.png' }));
  });
});

describe('a visitor the website identifies', () => {
  it('sees their past conversation on a second device; with a forged hash nobody does', async () => {
    expect(secret).not.toBe('');
    const id = 'cust-1001';
    const user = { id, name: 'Maya Chen', email: 'maya@example.com', attributes: { plan: 'pro' } };

    const laptop = await device(identifying(user, hmac(secret, id)));
    expect(laptop.verified).toBe(true);
    await laptop.chat.getByLabel('Message').fill('Where is my order #1234?');
    await laptop.chat.getByRole('button', { name: 'Send' }).click();
    await laptop.chat.locator('.msg.mine:not(.pending)').waitFor();
    const conversationId = await op.conversationWith('order #1234');
    await op.say(conversationId, 'It ships tomorrow.');
    await visible(laptop.log.getByText('It ships tomorrow.'));

    // The second device: another browser, the same user signed in on the site.
    const phone = await device(identifying(user, hmac(secret, id)));
    expect(phone.verified).toBe(true);
    await visible(phone.log.getByText('Where is my order #1234?'));
    await visible(phone.log.getByText('It ships tomorrow.'));
    await phone.chat.getByLabel('Message').fill('Thanks, see you tomorrow');
    await phone.chat.getByRole('button', { name: 'Send' }).click();
    await visible(laptop.log.getByText('Thanks, see you tomorrow'));

    // Someone who knows the user id but not the secret.
    const intruder = await device(identifying({ id, name: 'Mallory' }, hmac('a guessed secret', id)));
    expect(intruder.verified).toBe(false);
    await visible(intruder.log.getByText('Hi there! How can we help?'));
    expect(await intruder.log.textContent()).not.toMatch(/order #1234|ships tomorrow|see you tomorrow/);
    await intruder.chat.getByLabel('Message').fill('Hello, anything for me?');
    await intruder.chat.getByRole('button', { name: 'Send' }).click();
    await intruder.chat.locator('.msg.mine:not(.pending)').waitFor();
    expect(await intruder.log.textContent()).not.toMatch(/order #1234|ships tomorrow/);
    const theirs = await op.conversationWith('anything for me');
    expect(theirs).not.toBe(conversationId);

    // The console says who is who, in words.
    await consolePage.goto(`${s.url}/console/#/c/${conversationId}`);
    const panel = consolePage.getByRole('complementary', { name: 'Visitor details' });
    await visible(panel.getByText('Verified', { exact: true }));
    await visible(panel.getByText(/^User id cust-1001 · /));
    await panel.screenshot({ path: '/tmp/identity-console-verified.png' });
    await visible(
      consolePage
        .getByRole('region', { name: 'Conversations' })
        .locator(`[data-conversation-id="${conversationId}"]`)
        .getByRole('img', { name: 'Verified contact' }),
    );
    await consolePage.goto(`${s.url}/console/#/c/${theirs}`);
    await visible(panel.getByText('Unverified'));
    await visible(panel.getByText(/says they are user cust-1001/));
    await consolePage.screenshot({ path: '/tmp/identity-console.png' });
    expect(
      await consolePage
        .getByRole('region', { name: 'Conversations' })
        .locator(`[data-conversation-id="${theirs}"]`)
        .getByRole('img', { name: 'Verified contact' })
        .count(),
    ).toBe(0);
    for (const d of [laptop, phone, intruder]) await d.ctx.close();
    expect(pageErrors).toEqual([]);
  });

  it('is asked to sign in on the site when the inbox requires a verified identity, and may write once vouched for', async () => {
    await op.setInbox({ requireVerifiedIdentity: true });
    try {
      const stranger = await device(identifying({ id: 'cust-2002' }, 'f'.repeat(64)));
      await visible(stranger.chat.getByText('Please sign in on this website to chat with us.'));
      expect(await stranger.chat.getByLabel('Message').isDisabled()).toBe(true);
      expect(await stranger.chat.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
      expect(await axeProblems(stranger.chat)).toEqual([]);
      await stranger.page.screenshot({ path: '/tmp/identity-widget-sign-in.png' });
      await stranger.ctx.close();

      const member = await device(identifying({ id: 'cust-2002' }, hmac(secret, 'cust-2002')));
      await member.chat.getByText('Please sign in on this website to chat with us.').waitFor({ state: 'hidden' });
      await member.chat.getByLabel('Message').fill('Signed in and writing');
      await member.chat.getByRole('button', { name: 'Send' }).click();
      await member.chat.locator('.msg.mine:not(.pending)').waitFor();
      await member.ctx.close();
    } finally {
      await op.setInbox({ requireVerifiedIdentity: false });
    }
  });
});
