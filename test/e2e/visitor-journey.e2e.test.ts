/**
 * A visitor's journey through the forms, in real Chromium, on a shop of
 * another origin (the widget as customers embed it):
 *
 * (a) an admin sets up the pre-chat form in Settings → Inboxes; a visitor
 *     whose browser speaks German fills it in (refused fields said in
 *     German), chats with the operator, ends the chat and rates it; the
 *     operator's console shows the name from the form, the page trail beside
 *     the conversation and the rating, live;
 * (b) with no operator online the visitor sees the offline form, leaves a
 *     message and an email, and it appears for operators marked as waiting
 *     for an email reply.
 *
 * axe finds no serious or critical problem on the offline and pre-chat forms
 * in English and Arabic, and on the new console settings.
 */
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { serveShop } from '../support/widget-page.js';

let browser: Browser;
const pageErrors: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  expect(pageErrors).toEqual([]);
});

const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });

/** The shop names each page after its path, as a site would. */
const TITLES = `document.title = ({ '/': 'Startseite', '/zelte': 'Zelte', '/zelte/trail-2p': 'Trail 2P Zelt' })[location.pathname] || location.pathname;`;

/** The chat frame, whatever its title's language. */
async function chatFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[src*="/widget/frame"]', { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no chat frame');
  return frame;
}

/** A visitor on the shop at `host`, in `locale`, with the chat open (its launcher named `open`). */
async function visitor(s: TestServer, host: string, locale: string, open: string, path = '/'): Promise<{ ctx: BrowserContext; page: Page; chat: Frame }> {
  const ctx = await browser.newContext({ locale, viewport: { width: 1200, height: 900 } });
  await serveShop(ctx, s, host, TITLES);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`http://${host}${path}`);
  await page.getByRole('button', { name: open }).click();
  return { ctx, page, chat: await chatFrame(page) };
}

/** An operator signed in to the console in their own browser. */
async function signIn(s: TestServer): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('region', { name: 'Conversations' }));
  return { ctx, page };
}

describe('(b) with no operator online', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer();
  });
  afterAll(async () => {
    await s?.close();
  });

  it('offers the offline form, in Arabic too, with nothing serious for axe', async () => {
    const v = await visitor(s, 'ar.shop.test', 'ar-EG', 'افتح الدردشة');
    const form = v.chat.getByRole('form', { name: 'اترك رسالة' });
    await visible(form);
    expect(await v.chat.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await visible(form.getByText('نحن غير متاحين الآن. اترك رسالة وسنرد عليك عبر البريد الإلكتروني.'));
    // Refused fields are said in the visitor's language, next to each field.
    await form.getByRole('button', { name: 'إرسال الرسالة' }).click();
    await visible(form.getByText('يرجى ملء هذا الحقل.').first());
    expect(await form.getByLabel('البريد الإلكتروني').getAttribute('aria-invalid')).toBe('true');
    expect(await axeProblems(v.chat)).toEqual([]);
    await v.page.screenshot({ path: '/tmp/widget-offline-ar.png' });

    // Without the offline form, the chat says nobody is available and lets the visitor write anyway.
    const token = await login(s.url);
    const inbox = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token })).body.items[0]!.id;
    await api(s.url, `/api/v1/inboxes/${inbox}`, { method: 'PATCH', token, body: { settings: { offlineForm: false } } });
    await v.page.reload();
    await v.page.getByRole('button', { name: 'افتح الدردشة' }).click();
    const chat = await chatFrame(v.page);
    await visible(chat.getByText('لا يوجد أحد متاح الآن. اكتب رسالتك وسنرد عليك في أقرب وقت ممكن.'));
    expect(await chat.getByRole('form', { name: 'اترك رسالة' }).count()).toBe(0);
    expect(await chat.locator('textarea').isEnabled()).toBe(true);
    expect(await axeProblems(chat)).toEqual([]);
    await api(s.url, `/api/v1/inboxes/${inbox}`, { method: 'PATCH', token, body: { settings: { offlineForm: true } } });
    await v.ctx.close();
  });

  it('takes a message and an email, which operators see waiting for an email reply', async () => {
    const v = await visitor(s, 'away.shop.test', 'en-GB', 'Open chat');
    const form = v.chat.getByRole('form', { name: 'Leave a message' });
    await visible(form);
    await visible(form.getByText('We’re away right now. Leave a message and we’ll reply by email.'));
    expect(await axeProblems(v.chat)).toEqual([]);
    await form.getByLabel('Name (optional)').fill('Maya Chen');
    await form.getByLabel('Email').fill('maya@example');
    await form.getByLabel('Message').fill('Do you ship the Trail 2P tent to Norway?');
    await form.getByRole('button', { name: 'Send message' }).click();
    await visible(form.getByText('Enter an email address such as name@example.com.'));
    expect(await form.getByLabel('Email').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeProblems(v.chat)).toEqual([]);
    await form.getByLabel('Email').fill('maya@example.com');
    await form.getByRole('button', { name: 'Send message' }).click();

    // The widget confirms where the reply goes, and shows the conversation.
    await visible(v.chat.getByRole('status').filter({ hasText: 'Thanks! We’ll reply to maya@example.com.' }));
    await visible(v.chat.locator('.msg.mine').filter({ hasText: 'Do you ship the Trail 2P tent to Norway?' }));
    expect(await axeProblems(v.chat)).toEqual([]);
    await v.page.screenshot({ path: '/tmp/widget-offline-sent.png' });

    // Another visitor is writing in the offline form when the first operator comes online: the form goes, what they wrote stays.
    const w = await visitor(s, 'later.shop.test', 'en-GB', 'Open chat');
    await w.chat.getByRole('form', { name: 'Leave a message' }).getByLabel('Message').fill('Is anyone there?');

    // An operator comes to the console: the conversation is there, marked, with the contact's email.
    const op = await signIn(s);
    await w.chat.getByRole('form', { name: 'Leave a message' }).waitFor({ state: 'detached', timeout: 15_000 });
    expect(await w.chat.getByRole('textbox', { name: 'Message' }).inputValue()).toBe('Is anyone there?');
    await w.ctx.close();
    const entry = op.page.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: 'Do you ship the Trail 2P tent' });
    await visible(entry);
    expect(await entry.textContent()).toContain('Maya Chen');
    expect(await entry.textContent()).toContain('Waiting for an email reply');
    await entry.click();
    const header = op.page.locator('.conv-header');
    await visible(header.getByText('Waiting for an email reply'));
    await visible(header.getByText('maya@example.com'));
    expect(await axeProblems(op.page)).toEqual([]);
    await op.page.screenshot({ path: '/tmp/console-email-reply.png' });

    // The operator answers; the visitor reads it in the chat when they come back (email comes with the email channel).
    await op.page.getByLabel('Reply').fill('Yes, we ship to Norway in 3 to 5 days.');
    await op.page.getByLabel('Reply').press('Enter');
    await v.page.reload();
    await v.page.getByRole('button', { name: 'Open chat' }).click();
    const back = await chatFrame(v.page);
    await visible(back.getByText('Yes, we ship to Norway in 3 to 5 days.'));
    await op.ctx.close();
    await v.ctx.close();
  });
});

describe('(a) a visitor whose browser speaks German, with the pre-chat form', () => {
  let s: TestServer;
  let op: { ctx: BrowserContext; page: Page };
  let token: string;
  beforeAll(async () => {
    s = await startTestServer();
    token = await login(s.url);
    await api(s.url, '/api/v1/teams', { token, body: { name: 'Billing' } });
    await api(s.url, '/api/v1/teams', { token, body: { name: 'Sales' } });
    await api(s.url, '/api/v1/contact-attributes', {
      token,
      body: { key: 'tent_size', label: 'Tent size', type: 'list', options: ['1 person', '2 people', '4 people'] },
    });
    op = await signIn(s);
  });
  afterAll(async () => {
    await op?.ctx.close();
    await s?.close();
  });

  it('an admin sets up the form in Settings → Inboxes; a refused field is explained next to it', async () => {
    const page = op.page;
    await page.getByRole('link', { name: 'Settings' }).click();
    const editor = page.getByRole('form', { name: /^Inbox / });
    const preChat = editor.getByRole('group', { name: 'Pre-chat form' });
    await visible(preChat);
    expect(await editor.getByLabel('Offer the offline form while nobody is online').isChecked()).toBe(true);
    await preChat.getByLabel('Ask visitors to fill in a form before they chat').check();
    const fields = preChat.getByRole('list', { name: 'Fields of the pre-chat form' });
    await visible(fields.getByText('Name', { exact: true }));
    await preChat.getByRole('checkbox', { name: 'Required: Name' }).check();
    await preChat.getByLabel('Add a field').selectOption('team');
    await preChat.getByRole('button', { name: 'Add field' }).click();
    await preChat.getByLabel('Offer Sales').check();
    await preChat.getByLabel('Label for Billing').fill('Invoices and payments');
    await preChat.getByLabel('Add a field').selectOption({ label: 'Tent size (contact attribute)' });
    await preChat.getByRole('button', { name: 'Add field' }).click();
    await preChat.getByLabel('Add a field').selectOption('consent');
    await preChat.getByRole('button', { name: 'Add field' }).click();
    await preChat.getByLabel('Consent text').fill('');
    await editor.getByRole('button', { name: 'Save inbox' }).click();
    // Refused: said next to the consent text, which gets the focus.
    const consent = preChat.getByLabel('Consent text');
    await expect.poll(() => consent.getAttribute('aria-invalid')).toBe('true');
    await visible(preChat.getByText('Write the text visitors agree to'));
    expect(await axeProblems(page, { include: '.inbox-editor' })).toEqual([]);
    await consent.fill('I agree that my details are stored to answer me.');
    // The forms' words in German.
    const texts = editor.getByRole('group', { name: 'The forms’ words in each language' });
    await texts.getByLabel('Form texts in').selectOption('de');
    await texts.getByLabel('Consent text in Deutsch').fill('Ich bin einverstanden, dass meine Angaben gespeichert werden.');
    await texts.getByLabel('Billing label in Deutsch').fill('Rechnungen und Zahlungen');
    await texts.getByLabel('Tent size label in Deutsch').fill('Zeltgröße');
    await editor.getByRole('button', { name: 'Save inbox' }).click();
    await visible(editor.getByRole('status').filter({ hasText: 'Saved' }));
    expect(await axeProblems(page, { include: '.inbox-editor' })).toEqual([]);
    await page.screenshot({ path: '/tmp/console-pre-chat-settings.png', fullPage: true });
    const stored = (await api<{ items: { settings: { preChat: unknown } }[] }>(s.url, '/api/v1/inboxes', { token })).body.items[0]!.settings.preChat;
    expect(stored).toMatchObject({
      enabled: true,
      fields: [
        { type: 'name', required: true },
        { type: 'email', required: true },
        { type: 'team', required: true, choices: [{ label: 'Invoices and payments' }, { label: 'Sales' }] },
        { type: 'attribute', key: 'tent_size', required: false },
        { type: 'consent', text: 'I agree that my details are stored to answer me.' },
      ],
    });
  });

  it('has nothing serious for axe in the pre-chat form, in English and Arabic', async () => {
    for (const [locale, open, name] of [
      ['en-GB', 'Open chat', 'Before we start'],
      ['ar', 'افتح الدردشة', 'قبل أن نبدأ'],
    ] as const) {
      const v = await visitor(s, `${locale.toLowerCase()}.prechat.test`, locale, open);
      const form = v.chat.getByRole('form', { name });
      await visible(form);
      expect(await axeProblems(v.chat)).toEqual([]);
      // Every field refused at once, in the visitor's language.
      await form.locator('button[type=submit]').click();
      await visible(form.locator('.field-error').first());
      expect(await axeProblems(v.chat)).toEqual([]);
      await v.page.screenshot({ path: `/tmp/widget-pre-chat-${locale}.png` });
      await v.ctx.close();
    }
  });

  it('fills in the form in German, chats, ends and rates; the operator sees the name, the page trail and the rating live', async () => {
    // The operator is at the inbox: what follows arrives there live.
    await op.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Inbox' }).click();
    await visible(op.page.getByRole('region', { name: 'Conversations' }));
    const v = await visitor(s, 'laden.shop.test', 'de-DE', 'Chat öffnen');
    // The visitor looked around the shop first (a single-page site: the address changes without a reload).
    const viewed = (url: string) => s.app.ctx.db.selectFrom('page_views').select('id').where('url', '=', url).executeTakeFirst();
    await expect.poll(async () => !!(await viewed('http://laden.shop.test/')), { timeout: 15_000 }).toBe(true);
    await v.page.evaluate(() => {
      history.pushState({}, '', '/zelte');
      document.title = 'Zelte';
    });
    const form = v.chat.getByRole('form', { name: 'Bevor es losgeht' });
    await visible(form);
    await form.getByRole('button', { name: 'Chat starten' }).click();
    await visible(form.getByText('Bitte füllen Sie dieses Feld aus.').first());
    await visible(form.getByText('Bitte setzen Sie das Häkchen, um fortzufahren.'));
    expect(await form.getByLabel('Name').evaluate((el) => el === document.activeElement)).toBe(true);

    await form.getByLabel('Name').fill('Jonas Weber');
    await form.getByLabel('E-Mail').fill('jonas@beispiel');
    await form.getByLabel('Abteilung').selectOption({ label: 'Rechnungen und Zahlungen' });
    await form.getByLabel('Zeltgröße (optional)').selectOption('2 people');
    await form.getByLabel('Ich bin einverstanden, dass meine Angaben gespeichert werden.').check();
    await form.getByLabel('Nachricht').fill('Meine Rechnung für das Trail 2P Zelt stimmt nicht.');
    await form.getByRole('button', { name: 'Chat starten' }).click();
    await visible(form.getByText('Geben Sie eine E-Mail-Adresse wie name@example.com ein.'));
    await form.getByLabel('E-Mail').fill('jonas@beispiel.de');
    await form.getByRole('button', { name: 'Chat starten' }).click();
    await visible(v.chat.locator('.msg.mine:not(.pending)').filter({ hasText: 'Meine Rechnung für das Trail 2P Zelt stimmt nicht.' }));

    // The operator's console: the conversation under the name from the form, live.
    const entry = op.page.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: 'Jonas Weber' });
    await visible(entry);
    await entry.click();
    await visible(op.page.getByRole('heading', { level: 1, name: 'Jonas Weber' }));
    await visible(op.page.locator('.conv-header').getByText('Team: Billing'));
    const panel = op.page.getByRole('complementary', { name: 'Visitor details' });
    const trail = panel.getByRole('list', { name: 'Pages this visit' });
    await visible(trail.getByRole('link', { name: 'Zelte' }));
    await visible(trail.getByRole('link', { name: 'Startseite' }));
    await visible(panel.getByText('jonas@beispiel.de').first());
    await visible(panel.getByText('Ich bin einverstanden, dass meine Angaben gespeichert werden.'));
    expect(await panel.locator('.contact-details').textContent()).toContain('Tent size2 people');
    // The visitor moves on while the operator looks: the trail follows.
    await v.page.evaluate(() => {
      history.pushState({}, '', '/zelte/trail-2p');
      document.title = 'Trail 2P Zelt';
    });
    await visible(trail.getByRole('link', { name: 'Trail 2P Zelt' }));

    await op.page.getByLabel('Reply').fill('Hallo Jonas, ich sehe mir die Rechnung an.');
    await op.page.getByLabel('Reply').press('Enter');
    await visible(v.chat.getByText('Hallo Jonas, ich sehe mir die Rechnung an.'));
    await v.chat.getByLabel('Nachricht').fill('Danke!');
    await v.chat.getByRole('button', { name: 'Senden', exact: true }).click();
    await visible(op.page.getByRole('log', { name: 'Messages' }).getByText('Danke!'));

    // The visitor ends the chat and rates it; the operator sees the rating without a reload.
    await v.chat.getByRole('button', { name: 'Weitere Optionen' }).click();
    await v.chat.getByRole('button', { name: 'Chat beenden' }).click();
    await v.chat.getByRole('alertdialog', { name: 'Diesen Chat beenden?' }).getByRole('button', { name: 'Chat beenden' }).click();
    const survey = v.chat.getByRole('form', { name: 'Wie war diese Unterhaltung?' });
    await survey.getByRole('radio', { name: 'Mit 5 von 5 bewerten' }).check();
    await survey.getByLabel('Kommentar (optional)').fill('Schnell geholfen');
    await survey.getByRole('button', { name: 'Bewertung senden' }).click();
    await visible(v.chat.getByText('Danke für Ihre Bewertung!'));
    await visible(op.page.locator('.conv-header').getByText('Rated 5 out of 5 by the visitor'));
    await visible(op.page.getByText('Rated 5 out of 5 by the visitor: “Schnell geholfen”'));
    expect(await axeProblems(op.page)).toEqual([]);
    await op.page.screenshot({ path: '/tmp/console-journey.png' });
    await v.ctx.close();
  });
});
