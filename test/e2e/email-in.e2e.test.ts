/**
 * Inbound email in real Chromium: an admin adds an email inbox in Settings, a
 * customer's mail to its address (real SMTP, to Switchboard's own listener)
 * shows up in the console as a new conversation, and their reply by mail
 * arrives live in the open conversation, quoted history trimmed.
 */
import nodemailer, { type Transporter } from 'nodemailer';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureThread, replyAddress } from '../../packages/server/src/email/email-thread.js';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

const visible = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'visible', timeout });

let s: TestServer;
let browser: Browser;
let page: Page;
let smtp: Transporter;
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer({ env: { INBOUND_SMTP: 'on', INBOUND_SMTP_PORT: '0', INBOUND_SMTP_HOST: '127.0.0.1' } });
  smtp = nodemailer.createTransport({ host: '127.0.0.1', port: s.app.smtp!.port!, secure: false, ignoreTLS: true });
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('region', { name: 'Conversations' }));
});

afterAll(async () => {
  smtp?.close();
  await browser?.close();
  await s?.close();
});

describe('email in the console', () => {
  const list = () => page.getByRole('region', { name: 'Conversations' });
  const messages = () => page.getByRole('log', { name: 'Messages' });

  it('adds an email inbox in Settings and makes the relay secret, shown once', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Email inboxes' });
    await visible(section.getByText('No email inbox yet.'));
    const add = section.getByRole('form', { name: 'Add email inbox' });
    await add.getByLabel('Email inbox name').fill('Support mail');
    await add.getByLabel('Receiving address').fill('support@shop.example');
    await add.getByRole('button', { name: 'Add email inbox' }).click();
    await visible(section.getByRole('form', { name: 'Email inbox Support mail' }));
    expect(await section.getByRole('form', { name: 'Email inbox Support mail' }).getByLabel('Receiving address').inputValue()).toBe('support@shop.example');

    // Routing and SLAs are chosen as for a website inbox.
    await visible(section.getByLabel('Default team'));
    await visible(section.getByLabel('SLA policy'));
    await section.getByRole('button', { name: 'Make relay secret' }).click();
    const secret = section.getByLabel('Relay secret');
    await visible(secret);
    expect(await secret.inputValue()).toMatch(/^sbr_/);
    await visible(section.getByRole('button', { name: 'Replace relay secret' }));
    expect(await axeProblems(page)).toEqual([]);
  });

  it('shows a conversation started by mail, and the customer’s reply by mail arriving live', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('button', { name: 'All' }).click();
    await smtp.sendMail({ from: 'Ann Smith <ann@customer.example>', to: 'support@shop.example', subject: 'Order 1234 is late', text: 'Where is my parcel?' });
    const item = list().getByRole('link').filter({ hasText: 'Order 1234 is late' });
    await visible(item);
    // The customer waits for the answer by mail.
    await visible(item.getByText('Waiting for an email reply'));
    await item.click();
    await visible(messages().getByText('Where is my parcel?'));
    await visible(page.getByText('Ann Smith').first());

    const conversationId = await item.getAttribute('data-conversation-id');
    const row = await s.app.ctx.db.selectFrom('conversations').select('workspace_id').where('id', '=', conversationId!).executeTakeFirstOrThrow();
    const token = await ensureThread(s.app.ctx.db, {
      workspaceId: row.workspace_id,
      conversationId: conversationId!,
      email: 'ann@customer.example',
      now: Date.now(),
    });
    await smtp.sendMail({
      from: 'Ann Smith <ann@customer.example>',
      to: replyAddress(token, 'reply.shop.example'),
      subject: 'Re: Order 1234 is late',
      text: 'It just arrived, thank you!\n\nOn Mon, 7 Dec 2026 at 10:02, Support <support@shop.example> wrote:\n> We are looking into it.',
    });
    await visible(messages().getByText('It just arrived, thank you!'));
    expect(await messages().textContent()).not.toContain('We are looking into it.');
    expect(pageErrors).toEqual([]);
  });
});
