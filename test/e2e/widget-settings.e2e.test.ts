/**
 * Settings → Inboxes and Settings → Profile for the widget, in real Chromium:
 * the language, the greeting and team name per language, the expected reply
 * time, the sound and the survey, saved and seen by a visitor; an operator's
 * picture; the transcript from the conversation header. axe finds nothing
 * serious.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { type Operator, operator, png } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
let op: Operator;

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  op = await operator(s, await login(s.url));
  ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('region', { name: 'Conversations' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const stored = async () =>
  (await api<{ items: { settings: Record<string, unknown> }[] }>(s.url, '/api/v1/inboxes', { token: op.token })).body.items[0]!.settings;

describe('Settings → Inboxes', () => {
  it('sets the widget’s language, its texts in German, the reply time, the sound and the survey; a visitor sees them', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const editor = page.getByRole('form', { name: /^Inbox / });
    const widget = editor.getByRole('group', { name: 'Widget' });
    await widget.waitFor();
    expect(await axeProblems(page)).toEqual([]);

    await widget.getByLabel('Language', { exact: true }).selectOption('de');
    await widget.getByLabel('Texts in').selectOption('de');
    await widget.getByLabel('Greeting in Deutsch').fill('Hallo! Wie können wir helfen?');
    await widget.getByLabel('Team name in Deutsch').fill('Kundendienst');
    // Another language's texts are kept while the picker moves on.
    await widget.getByLabel('Texts in').selectOption('fr');
    await widget.getByLabel('Greeting in Français').fill('Bonjour !');
    await widget.getByLabel('Expected reply time').selectOption('hour');
    await widget.getByLabel('Notification sound').uncheck();
    await widget.getByLabel('Ask for a rating when a conversation is resolved').uncheck();
    await editor.getByRole('button', { name: 'Save inbox' }).click();
    await editor.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await stored()).toMatchObject({
      language: 'de',
      translations: { de: { greeting: 'Hallo! Wie können wir helfen?', teamName: 'Kundendienst' }, fr: { greeting: 'Bonjour !' } },
      replyTime: 'hour',
      sound: false,
      askRating: false,
    });
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/console-widget-settings.png', fullPage: true });

    // A visitor whose browser speaks English: the inbox speaks German to everyone now.
    const visitorCtx = await browser.newContext({ locale: 'en-US' });
    const shop = await visitorCtx.newPage();
    await shop.goto(`${s.url}/`);
    await shop.getByRole('button', { name: 'Chat öffnen' }).click();
    const chat = (await (await shop.waitForSelector('iframe[src*="/widget/frame"]')).contentFrame())!;
    await chat.getByRole('heading', { level: 1, name: 'Kundendienst' }).waitFor();
    await chat.getByText('Hallo! Wie können wir helfen?').waitFor();
    await chat.getByText('Antwortet meist innerhalb einer Stunde').waitFor();
    expect(await chat.getByRole('button', { name: 'Töne stummschalten' }).count()).toBe(0);
    await visitorCtx.close();

    // Back as it was, from the same form.
    await widget.getByLabel('Language', { exact: true }).selectOption('auto');
    await widget.getByLabel('Expected reply time').selectOption('off');
    await widget.getByLabel('Notification sound').check();
    await widget.getByLabel('Ask for a rating when a conversation is resolved').check();
    await editor.getByRole('button', { name: 'Save inbox' }).click();
    await expect.poll(async () => (await stored()).language).toBe('auto');
  });
});

describe('Settings → Profile', () => {
  it('takes a picture visitors see, and removes it for the initials', async () => {
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByRole('img', { name: 'Your initials (no picture)' }).waitFor();
    await profile.getByLabel('Picture', { exact: true }).setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: png(16, 16) });
    await profile.getByRole('status').filter({ hasText: 'Picture updated' }).waitFor();
    const img = profile.getByRole('img', { name: 'Admin, as visitors see you' });
    await img.waitFor();
    expect(await img.getAttribute('src')).toMatch(/^\/api\/v1\/avatars\/[\w-]{24}$/);
    expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(16);
    expect(await axeProblems(page)).toEqual([]);
    await profile.getByRole('button', { name: 'Remove picture' }).click();
    await profile.getByRole('img', { name: 'Your initials (no picture)' }).waitFor();
    expect((await api<{ avatarUrl: string | null }>(s.url, '/api/v1/auth/me', { token: op.token })).body.avatarUrl).toBeNull();
  });
});

describe('the conversation header', () => {
  it('downloads the transcript', async () => {
    const v = await newVisitor(s.url, s.websiteKey);
    const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await c.waitFor('welcome');
    const ack = await c.client.send({ body: 'Please send me the transcript' });
    c.close();
    await op.say(ack.conversationId, 'Of course.');
    await page.goto(`${s.url}/console/#/c/${ack.conversationId}`);
    await page.getByRole('log', { name: 'Messages' }).getByText('Of course.').waitFor();
    await page.getByRole('button', { name: 'Download transcript' }).click();
    expect(await axeProblems(page)).toEqual([]);
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Plain text' }).click();
    const text = await readFile((await (await download).path()) as string, 'utf8');
    expect(text).toContain('Visitor: Please send me the transcript');
    expect(text).toContain('Admin: Of course.');
  });
});
