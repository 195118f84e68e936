/**
 * Outgoing email in real Chromium against a real SMTP server (smtp-server,
 * in this process): a visitor leaves an offline message in the widget while
 * nobody is online; an admin sets up Settings → Email and sends a test mail;
 * answers the offline message in the console and sees "Emailed" under the
 * reply (the mail arrived); the visitor asks for the transcript by email in
 * the widget; a reply to an address the server refuses shows "Email failed:"
 * with the server's reason. axe on the new parts.
 */
import type { Browser, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, until } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { type SmtpSink, startSmtpSink } from '../support/smtp-sink.js';
import { chatFrame } from '../support/widget-page.js';

let s: TestServer;
let sink: SmtpSink;
let browser: Browser;
let page: Page;
let shop: Page;
let chat: Frame;
const pageErrors: string[] = [];

const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });

async function offlineMessage(email: string, message: string): Promise<void> {
  const v = await newVisitor(s.url, s.websiteKey);
  const r = await api(s.url, '/api/v1/widget/offline-message', {
    headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
    body: { clientId: `offline-${email}`, name: 'Maya Chen', email, message },
  });
  if (r.status !== 201) throw new Error(`offline message refused: ${JSON.stringify(r.body)}`);
}

async function answer(text: string, reply: string): Promise<Locator> {
  await page.getByRole('link', { name: 'Inbox' }).click();
  await page.getByRole('button', { name: 'All' }).click();
  await page.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: text }).click();
  const log = page.getByRole('log', { name: 'Messages' });
  await visible(log.getByText(text));
  await page.getByLabel('Reply').fill(reply);
  await page.getByRole('button', { name: 'Send' }).click();
  return log.locator('.msg-out').filter({ hasText: reply });
}

beforeAll(async () => {
  sink = await startSmtpSink();
  s = await startTestServer();
  browser = await launchBrowser();
  const visitor = await browser.newContext({ viewport: { width: 1200, height: 800 }, locale: 'en-GB' });
  shop = await visitor.newPage();
  shop.on('pageerror', (e) => pageErrors.push(e.message));
  await shop.goto(`${s.url}/`);
  await shop.getByRole('button', { name: 'Open chat' }).click();
  chat = await chatFrame(shop);
});

async function signIn(): Promise<void> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('region', { name: 'Conversations' }));
}
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await sink?.close();
});

describe('outgoing email in the console', () => {
  it('starts with a visitor who leaves a message and their email while nobody is online', async () => {
    const form = chat.getByRole('form', { name: 'Leave a message' });
    await visible(form);
    await form.getByLabel('Name (optional)').fill('Maya Chen');
    await form.getByLabel('Email').fill('maya@example.com');
    await form.getByLabel('Message').fill('Please call me back about my order');
    await form.getByRole('button', { name: 'Send message' }).click();
    await visible(chat.locator('.msg.mine').filter({ hasText: 'Please call me back about my order' }));
  });

  it('is set up in Settings → Email, and the test email says it was sent', async () => {
    await signIn();
    await page.getByRole('link', { name: 'Settings' }).click();
    const card = page.getByRole('region', { name: 'Email', exact: true });
    await visible(card);
    await card.getByLabel('SMTP host').fill('127.0.0.1');
    await card.getByLabel('Port').fill(String(sink.port));
    await card.getByLabel('Security').selectOption('none');
    await card.getByLabel('User name').fill('switchboard');
    await card.getByLabel('Password').fill('smtp-pass-Kq83');
    await card.getByLabel('From address').fill('support@shop.test');
    await card.getByLabel('From name').fill('Shop Support');
    await card.getByLabel('Reply domain').fill('reply.shop.test');
    await card.getByRole('button', { name: 'Save email settings' }).click();
    await visible(card.getByText('Email settings saved'));
    await visible(card.getByLabel('Password (set)'));
    expect(await card.getByLabel('Password (set)').inputValue()).toBe('');
    await card.getByRole('button', { name: 'Send test email' }).click();
    await visible(card.getByText('Test email sent to admin@example.com'));
    expect(sink.to('admin@example.com').map((m) => m.subject)).toEqual(['Switchboard test email']);
    // A bad reply domain is refused next to its field.
    await card.getByLabel('Reply domain').fill('not a domain');
    await card.getByRole('button', { name: 'Save email settings' }).click();
    await visible(card.locator('#email-domain-error').getByText('Enter a domain such as mail.example.com'));
    await card.getByLabel('Reply domain').fill('reply.shop.test');
    await card.getByRole('button', { name: 'Save email settings' }).click();
    await visible(card.getByText('Email settings saved'));
    expect(await axeProblems(page, { include: '[aria-labelledby="email-title"]' })).toEqual([]);
    // Each operator opts in to notices by mail in their own settings.
    const notices = page.getByRole('region', { name: 'Email notifications' });
    await notices.getByLabel('Email me when I’m mentioned').check();
    await visible(notices.getByRole('status').filter({ hasText: 'Saved' }));
    const prefs = await api<{ onMention: boolean; onAssignment: boolean }>(s.url, '/api/v1/auth/me/email-preferences', { token: await login(s.url) });
    expect(prefs.body).toMatchObject({ onMention: true, onAssignment: false });
    expect(await axeProblems(page, { include: '[aria-labelledby="email-notices-title"]' })).toEqual([]);
  });

  it('shows "Emailed" under the answer to an offline message once the mail is out', async () => {
    const mine = await answer('Please call me back about my order', 'Hi Maya, we will call you at 3 pm.');
    await visible(mine.getByText('Emailed'));
    const [mail] = sink.to('maya@example.com');
    expect(mail?.text).toContain('Hi Maya, we will call you at 3 pm.');
    expect(mail?.replyTo?.text).toMatch(/reply\+[0-9a-f]{32}@reply\.shop\.test/);
    // The visitor sees the answer in the widget too.
    await visible(chat.getByText('Hi Maya, we will call you at 3 pm.'));
  });

  it('sends the visitor the transcript by email when they ask in the widget', async () => {
    await chat.getByRole('button', { name: 'More options' }).click();
    await chat.getByRole('button', { name: 'Email me the transcript' }).click();
    await visible(chat.getByRole('status').filter({ hasText: 'The transcript is on its way to maya@example.com' }));
    await until(() => sink.to('maya@example.com').length === 2, 15_000, 'the transcript mail');
    const transcript = sink.to('maya@example.com')[1];
    expect(transcript?.text).toContain('Please call me back about my order');
    expect(transcript?.text).toContain('Hi Maya, we will call you at 3 pm.');
    expect(transcript?.html).toContain('Hi Maya, we will call you at 3 pm.');
  });

  it('shows "Email failed" with the server’s reason when the address is refused', async () => {
    sink.refuse.set('nobody@example.com', { code: 550, message: '5.1.1 Recipient address rejected: User unknown' });
    await offlineMessage('nobody@example.com', 'Is the blue one in stock?');
    const mine = await answer('Is the blue one in stock?', 'Yes, it is.');
    await visible(mine.getByText(/^Email failed: .*User unknown/));
    expect(await axeProblems(page, { include: '[aria-label="Messages"]' })).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
