/**
 * A bounce in real Chromium: an operator answers an offline message in the
 * console, the mail goes to a real SMTP server (smtp-server) and shows
 * "Emailed"; then the recipient's mail system sends a delivery status
 * notification back to the mail's bounce address, delivered over SMTP to
 * Switchboard's own listener, and the console shows "Email failed:" with the
 * report's reason under the answer, live, with no new message.
 */
import nodemailer from 'nodemailer';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, until } from '../support/clients.js';
import { postfixDsn } from '../support/dsn.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';

let s: TestServer;
let sink: SmtpSink;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });

beforeAll(async () => {
  sink = await startSmtpSink();
  s = await startTestServer({ env: { INBOUND_SMTP: 'on', INBOUND_SMTP_PORT: '0', INBOUND_SMTP_HOST: '127.0.0.1' } });
  const token = await login(s.url);
  const settings = await api(s.url, '/api/v1/email/settings', {
    method: 'PATCH',
    token,
    body: { smtpHost: '127.0.0.1', smtpPort: sink.port, smtpSecurity: 'none', fromAddress: 'support@shop.test', replyDomain: 'reply.shop.test' },
  });
  expect(settings.status).toBe(200);
  const v = await newVisitor(s.url, s.websiteKey);
  const r = await api(s.url, '/api/v1/widget/offline-message', {
    headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
    body: { clientId: 'offline-gone', name: 'Gone Person', email: 'gone@example.com', message: 'Do you deliver to Iceland?' },
  });
  expect(r.status).toBe(201);
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('region', { name: 'Conversations' }));
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await sink?.close();
});

describe('a bounce in the console', () => {
  it('turns "Emailed" into "Email failed" with the report’s reason, live', async () => {
    await page.getByRole('link', { name: 'Inbox' }).click();
    await page.getByRole('button', { name: 'All' }).click();
    await page.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: 'Do you deliver to Iceland?' }).click();
    const log = page.getByRole('log', { name: 'Messages' });
    await visible(log.getByText('Do you deliver to Iceland?'));
    await page.getByLabel('Reply').fill('Yes, in 5 to 7 days.');
    await page.getByRole('button', { name: 'Send' }).click();
    const mine = log.locator('.msg-out').filter({ hasText: 'Yes, in 5 to 7 days.' });
    await visible(mine.getByText('Emailed'));
    await until(() => sink.to('gone@example.com').length === 1, 15_000, 'the mail');
    const mail = sink.to('gone@example.com')[0]!;
    const bounceTo = sink.senders[sink.mails.indexOf(mail)]!;
    expect(bounceTo).toMatch(/^bounce\+[0-9a-f]{32}@reply\.shop\.test$/);
    const messagesBefore = await log.locator('.msg').count();

    const smtp = nodemailer.createTransport({ host: '127.0.0.1', port: s.app.smtp!.port!, secure: false, ignoreTLS: true });
    try {
      await smtp.sendMail({
        envelope: { from: '', to: [bounceTo] },
        raw: postfixDsn({
          from: 'support@shop.test',
          to: bounceTo,
          recipient: 'gone@example.com',
          action: 'failed',
          status: '5.1.1',
          diagnostic: '550 5.1.1 <gone@example.com>: Recipient address rejected: User unknown',
          original: { messageId: mail.messageId!, subject: mail.subject ?? '' },
        }),
      });
    } finally {
      smtp.close();
    }
    await visible(mine.getByText(/^Email failed: 550 5\.1\.1 .*User unknown/));
    expect(await mine.getByText('Emailed').count()).toBe(0);
    expect(await log.locator('.msg').count()).toBe(messagesBefore);
    expect(await log.getByText('Undelivered Mail Returned to Sender').count()).toBe(0);
    expect(await axeProblems(page, { include: '[aria-label="Messages"]' })).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
