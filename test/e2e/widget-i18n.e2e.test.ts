/**
 * The widget in the visitor's language and the conversation's end, in real
 * Chromium: a visitor whose browser speaks German chats, ends the chat and
 * rates it while the operator's console shows the rating live; Arabic reads
 * right to left, mirrored, with the launcher on its side; axe finds nothing
 * serious on the new screens in English and Arabic (conversation list,
 * survey, menus); New conversation, the mute button and the transcript.
 */
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import type { TestClient } from '../support/clients.js';
import { login, startTestServer, type TestServer } from '../support/server.js';
import { type Operator, operator, operatorOnline } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let team: TestClient;
let op: Operator;
beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  op = await operator(s, await login(s.url));
  // The team is at work: visitors chat (with nobody online they get the offline form).
  team = await operatorOnline(s, op.token);
});
afterEach(() => op.setInbox({ language: 'auto', askRating: true, sound: true }));
afterAll(async () => {
  team?.close();
  await browser?.close();
  await s?.close();
});

/** The chat frame, whatever its title's language. */
async function chatFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[src*="/widget/frame"]', { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no chat frame');
  return frame;
}

interface Visitor {
  ctx: BrowserContext;
  page: Page;
  chat: Frame;
}

/** A visitor on the demo shop in `locale`, chat open, having written `first` (when given). */
async function visitor(locale: string, open: string, first?: string, send = 'Send'): Promise<Visitor> {
  const ctx = await browser.newContext({ locale, viewport: { width: 1200, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(`${s.url}/`);
  await page.getByRole('button', { name: open }).click();
  const chat = await chatFrame(page);
  if (first) {
    await chat.locator('textarea').fill(first);
    await chat.getByRole('button', { name: send }).click();
    await chat.locator('.msg.mine:not(.pending)').filter({ hasText: first }).waitFor();
  }
  return { ctx, page, chat };
}

async function consoleOn(conversationId: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await ctx.newPage();
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('region', { name: 'Conversations' }).waitFor();
  await page.goto(`${s.url}/console/#/c/${conversationId}`);
  await page.getByRole('log', { name: 'Messages' }).waitFor();
  return { ctx, page };
}

describe('a visitor whose browser speaks German', () => {
  it('chats, ends the chat and rates it, in German; the operator sees the rating live', async () => {
    const v = await visitor('de-DE', 'Chat öffnen', 'Hallo, wo ist meine Bestellung 4711?', 'Senden');
    expect(await v.chat.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['de', 'ltr']);
    expect(await v.chat.locator('textarea').getAttribute('placeholder')).toBe('Nachricht schreiben…');
    expect(await v.page.getByRole('button', { name: 'Chat minimieren' }).getAttribute('aria-expanded')).toBe('true');
    const id = await op.conversationWith('Bestellung 4711');
    await op.say(id, 'Sie ist heute unterwegs.');
    await v.chat.getByText('Sie ist heute unterwegs.').waitFor();
    const console_ = await consoleOn(id);

    await v.chat.getByRole('button', { name: 'Weitere Optionen' }).click();
    await v.chat.getByRole('button', { name: 'Chat beenden' }).click();
    const question = v.chat.getByRole('alertdialog', { name: 'Diesen Chat beenden?' });
    await question.getByRole('button', { name: 'Chat beenden' }).click();
    await v.chat.locator('.event').filter({ hasText: 'Sie haben den Chat beendet' }).waitFor();
    await console_.page.getByRole('log', { name: 'Messages' }).getByText('Ended by the visitor').waitFor();

    const survey = v.chat.getByRole('form', { name: 'Wie war diese Unterhaltung?' });
    await survey.getByRole('radio', { name: 'Mit 4 von 5 bewerten' }).check();
    await survey.getByLabel('Kommentar (optional)').fill('Super Hilfe');
    await survey.getByRole('button', { name: 'Bewertung senden' }).click();
    await v.chat.getByText('Danke für Ihre Bewertung!').waitFor();
    await v.chat.locator('.event').filter({ hasText: 'Sie haben diese Unterhaltung mit 4 von 5 bewertet' }).waitFor();

    // Live in the console: the line and the header, no reload.
    await console_.page.getByText('Rated 4 out of 5 by the visitor: “Super Hilfe”').waitFor();
    await console_.page.locator('.conv-header').getByText('Rated 4 out of 5 by the visitor').waitFor();
    expect(await axeProblems(console_.page)).toEqual([]);

    // The visitor may change it while they stay.
    await v.chat.getByRole('button', { name: 'Bewertung ändern' }).click();
    await survey.getByRole('radio', { name: 'Mit 5 von 5 bewerten' }).check();
    await survey.getByRole('button', { name: 'Bewertung senden' }).click();
    await console_.page.locator('.conv-header').getByText('Rated 5 out of 5 by the visitor').waitFor();
    await v.page.screenshot({ path: '/tmp/widget-de-rated.png' });
    await console_.ctx.close();
    await v.ctx.close();
  });
});

describe('Arabic', () => {
  it('reads right to left with a mirrored layout, keeps the launcher on its side, and axe finds nothing serious', async () => {
    await op.setInbox({ language: 'ar' });
    const v = await visitor('en-US', 'افتح الدردشة', 'مرحبا، أين طلبي؟', 'إرسال');
    expect(await v.chat.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    // The launcher stays at the inbox's side (right); inside, the composer is mirrored: Send at the start (left) of the row.
    const launcher = v.page.getByRole('button', { name: 'صغّر الدردشة' });
    expect((await launcher.boundingBox())!.x).toBeGreaterThan(1000);
    const send = (await v.chat.getByRole('button', { name: 'إرسال' }).boundingBox())!;
    const attach = (await v.chat.getByRole('button', { name: 'أرفق ملفًا' }).boundingBox())!;
    expect(send.x).toBeLessThan(attach.x);
    const mine = (await v.chat.locator('.msg.mine').last().boundingBox())!;
    const greeting = (await v.chat.locator('.msg.greeting').boundingBox())!;
    expect(mine.x).toBeLessThan(greeting.x);
    expect(await axeProblems(v.chat)).toEqual([]);

    const id = await op.conversationWith('أين طلبي');
    await op.say(id, 'في الطريق إليك.');
    await v.chat.getByText('في الطريق إليك.').waitFor();
    await v.chat.getByRole('button', { name: 'خيارات إضافية' }).click();
    expect(await axeProblems(v.chat)).toEqual([]);
    await v.chat.getByRole('button', { name: 'إنهاء الدردشة' }).click();
    expect(await axeProblems(v.chat)).toEqual([]);
    await v.chat.getByRole('alertdialog').getByRole('button', { name: 'إنهاء الدردشة' }).click();
    await v.chat.getByRole('radio', { name: 'قيّم بـ 3 من 5' }).waitFor();
    expect(await axeProblems(v.chat)).toEqual([]);
    await v.page.screenshot({ path: '/tmp/widget-ar-survey.png' });
    await v.chat.getByRole('button', { name: 'العودة إلى المحادثات' }).click();
    const list = v.chat.getByRole('region', { name: 'المحادثات' });
    await list.getByText('تم حلّها').waitFor();
    expect(await axeProblems(v.chat)).toEqual([]);
    await v.page.screenshot({ path: '/tmp/widget-ar.png' });
    await v.ctx.close();
  });
});

describe('several conversations, in English', () => {
  it('lists past conversations, starts a new one while another is open, and keeps a resolved one readable; axe-clean screens', async () => {
    const v = await visitor('en-GB', 'Open chat', 'Do you ship to Norway?');
    const firstId = await op.conversationWith('ship to Norway');
    await op.say(firstId, 'Yes, in 3 days.');
    await v.chat.getByText('Yes, in 3 days.').waitFor();

    // Resolved by the operator while the chat is open: the survey appears.
    await s.app.http.inject({
      method: 'POST',
      url: `/api/v1/conversations/${firstId}/status`,
      headers: { authorization: `Bearer ${op.token}` },
      payload: { status: 'resolved' },
    });
    const survey = v.chat.getByRole('form', { name: 'How was this conversation?' });
    await survey.waitFor();
    expect(await survey.getByRole('radio').count()).toBe(5);
    expect(await v.chat.getByRole('radio', { name: 'Rate 1 out of 5' }).count()).toBe(1);
    expect(await v.chat.getByRole('button', { name: 'Send rating' }).isDisabled()).toBe(true);
    expect(await axeProblems(v.chat)).toEqual([]);

    await v.chat.getByRole('button', { name: 'Back to conversations' }).click();
    const list = v.chat.getByRole('region', { name: 'Conversations' });
    const first = list.getByRole('button', { name: /Yes, in 3 days\..*Resolved/ });
    await first.waitFor();
    expect(await axeProblems(v.chat)).toEqual([]);
    await list.getByRole('button', { name: 'New conversation' }).click();
    await v.chat.locator('textarea').fill('A second question: gift wrapping?');
    await v.chat.getByRole('button', { name: 'Send' }).click();
    await v.chat.locator('.msg.mine:not(.pending)').filter({ hasText: 'gift wrapping' }).waitFor();
    const secondId = await op.conversationWith('gift wrapping');
    expect(secondId).not.toBe(firstId);

    // Back to the list: both, each with its status in words; the resolved one opens readable, and writing reopens it.
    await v.chat.getByRole('button', { name: 'Back to conversations' }).click();
    const second = list.getByRole('button', { name: /You: A second question: gift wrapping\?.*Open/ });
    await second.waitFor();
    // The open one, followed all along behind the list, opens with its messages.
    await second.click();
    await v.chat.locator('.msg.mine').filter({ hasText: 'gift wrapping' }).waitFor();
    await v.chat.getByRole('button', { name: 'Back to conversations' }).click();
    await first.click();
    await v.chat.getByText('Yes, in 3 days.').waitFor();
    expect(await v.chat.getByLabel('Message').getAttribute('placeholder')).toBe('Write to reopen it…');
    await v.page.reload();
    await v.page.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(v.page);
    // The open conversation comes first after a reload.
    await chat.getByText('A second question: gift wrapping?').waitFor();
    await v.ctx.close();
  });

  it('has a mute button the visitor’s choice keeps across pages, and a sound only while the chat is closed and not muted', async () => {
    const ctx = await browser.newContext({ locale: 'en-US' });
    // Counts the tones the chat plays (Web Audio in a headless browser plays to nowhere).
    await ctx.addInitScript(() => {
      const w = window as unknown as { __tones: number; AudioContext: unknown };
      w.__tones = 0;
      const node = () => ({ connect: (n: unknown) => n, gain: { setValueAtTime() {}, linearRampToValueAtTime() {}, exponentialRampToValueAtTime() {} } });
      w.AudioContext = class {
        state = 'running';
        currentTime = 0;
        destination = {};
        resume = () => Promise.resolve();
        createGain = node;
        createOscillator = () => ({ ...node(), type: '', frequency: { value: 0 }, start: () => w.__tones++, stop() {} });
      };
    });
    const page = await ctx.newPage();
    await page.goto(`${s.url}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(page);
    await chat.locator('textarea').fill('Testing the sound');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.locator('.msg.mine:not(.pending)').waitFor();
    const id = await op.conversationWith('Testing the sound');
    const tones = () => chat.evaluate(() => (window as unknown as { __tones: number }).__tones);

    await op.say(id, 'Heard while open');
    await chat.getByText('Heard while open').waitFor();
    expect(await tones()).toBe(0);
    await page.getByRole('button', { name: 'Minimise chat' }).click();
    await op.say(id, 'Heard while closed');
    await expect.poll(tones).toBe(2);

    await page.getByRole('button', { name: 'Open chat' }).click();
    const mute = chat.getByRole('button', { name: 'Mute sounds' });
    expect(await mute.getAttribute('aria-pressed')).toBe('false');
    await mute.click();
    expect(await mute.getAttribute('aria-pressed')).toBe('true');
    expect(await mute.getAttribute('title')).toBe('Unmute sounds');
    await page.getByRole('button', { name: 'Minimise chat' }).click();
    await op.say(id, 'Silent while muted');
    // It arrived (the unread count in the page title) and made no sound.
    await expect.poll(() => page.evaluate(() => document.title)).toMatch(/^\(1\)/);
    expect(await tones()).toBe(2);

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    const again = await chatFrame(page);
    expect(await again.getByRole('button', { name: 'Mute sounds' }).getAttribute('aria-pressed')).toBe('true');
    await ctx.close();
  });

  it('downloads the transcript with the messages in it', async () => {
    const v = await visitor('en-US', 'Open chat', 'Please keep a record of this');
    const id = await op.conversationWith('keep a record');
    await op.say(id, 'Here is your record, **in bold**.');
    await v.chat.getByText('Here is your record').waitFor();
    await v.chat.getByRole('button', { name: 'More options' }).click();
    const download = v.page.waitForEvent('download');
    await v.chat.getByRole('button', { name: 'Download transcript (HTML)' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^transcript-\d{4}-\d{2}-\d{2}\.html$/);
    const html = await readFile((await file.path()) as string, 'utf8');
    expect(html).toContain('Please keep a record of this');
    expect(html).toContain('Here is your record, <strong>in bold</strong>.');
    expect(html).toContain('<strong>You</strong>');
    await v.chat.getByRole('button', { name: 'More options' }).click();
    const text = v.page.waitForEvent('download');
    await v.chat.getByRole('button', { name: 'Download transcript (plain text)' }).click();
    const plain = await readFile((await (await text).path()) as string, 'utf8');
    expect(plain).toMatch(/\] You: Please keep a record of this/);
    await v.ctx.close();
  });
});
