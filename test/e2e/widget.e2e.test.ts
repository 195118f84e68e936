/**
 * The widget as a visitor sees it, in real Chromium: the launcher's look
 * before any open, readable colours (axe), the team name, history that opens
 * at the newest message and follows new ones, attachment errors, times in
 * the reader's locale, and a phone-sized chat that keeps the focus.
 */
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { operatorClient, type TestClient } from '../support/clients.js';
import { login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, inView, type Operator, operator, png, operatorOnline } from '../support/widget-page.js';

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
afterEach(() => op.setInbox({ color: '#1f6feb', position: 'right', teamName: 'Support' }));
afterAll(async () => {
  team?.close();
  await browser?.close();
  await s?.close();
});

/** A visitor on the demo shop with the chat open, having written `first`. */
async function visitorWrites(first: string, options: Parameters<Browser['newContext']>[0] = {}): Promise<{ page: Page; chat: Frame; close(): Promise<void> }> {
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 }, ...options });
  const page = await ctx.newPage();
  await page.goto(`${s.url}/`);
  await page.getByRole('button', { name: 'Open chat' }).click();
  const chat = await chatFrame(page);
  await chat.getByLabel('Message').fill(first);
  await chat.getByRole('button', { name: 'Send' }).click();
  await chat.locator('.msg.mine:not(.pending)').filter({ hasText: first }).waitFor();
  return { page, chat, close: () => ctx.close() };
}

const colours = (frame: Page | Frame, selector: string) =>
  frame.locator(selector).evaluate((el) => {
    const cs = getComputedStyle(el);
    return { background: cs.backgroundColor, text: cs.color };
  });

describe('the launcher and the chat wear the inbox colour', () => {
  it('draws the launcher in the inbox colour and on its side before the chat is ever opened, with text that reads on it', async () => {
    await op.setInbox({ color: '#ffd400', position: 'left' });
    const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const page = await ctx.newPage();
    await page.goto(`${s.url}/`);
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    // The chat may be connected (hidden, tracking the visitor's pages) but is not shown.
    expect(await page.locator('iframe:visible').count()).toBe(0);
    expect(await launcher.evaluate((el) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color])).toEqual([
      'rgb(255, 212, 0)',
      'rgb(17, 24, 39)',
    ]);
    expect((await launcher.boundingBox())!.x).toBeLessThan(100);
    expect(await axeProblems(page)).toEqual([]);

    await launcher.click();
    const chat = await chatFrame(page);
    await chat.getByLabel('Message').fill('Hello in yellow');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.locator('.msg.mine:not(.pending)').waitFor();
    const dark = { background: 'rgb(255, 212, 0)', text: 'rgb(17, 24, 39)' };
    expect(await colours(chat, 'header')).toEqual(dark);
    expect(await colours(chat, '.send')).toEqual(dark);
    expect(await colours(chat, '.msg.mine .body')).toEqual(dark);
    expect(await axeProblems(chat)).toEqual([]);
    await page.screenshot({ path: '/tmp/widget-yellow.png' });
    await ctx.close();
  });

  it('has no serious accessibility problem closed or open, grey texts included (times, Seen, system lines, placeholder)', async () => {
    const v = await visitorWrites('Is the down jacket warm enough for -10 °C?');
    expect(await axeProblems(v.page)).toEqual([]);
    const id = await op.conversationWith('down jacket');
    await op.say(id, 'Yes, it is rated to -15 °C.');
    const operatorWs = operatorClient(s.wsUrl, op.token);
    await operatorWs.waitFor('welcome');
    operatorWs.client.subscribe(id);
    const synced = await operatorWs.waitFor('synced', (f) => f.conversationId === id);
    operatorWs.client.sendVolatile({ type: 'read', conversationId: id, seq: synced.seq });
    await v.chat.getByText('Seen', { exact: true }).waitFor();
    await s.app.http.inject({
      method: 'POST',
      url: `/api/v1/conversations/${id}/status`,
      headers: { authorization: `Bearer ${op.token}` },
      payload: { status: 'resolved' },
    });
    await v.chat
      .locator('.event')
      .filter({ hasText: /resolved/i })
      .waitFor();
    operatorWs.close();
    expect(await axeProblems(v.chat)).toEqual([]);
    const placeholder = await v.chat
      .getByLabel('Message')
      .evaluate((el) => [getComputedStyle(el, '::placeholder').color, getComputedStyle(el).backgroundColor]);
    expect(contrast(placeholder[0]!, placeholder[1]!)).toBeGreaterThanOrEqual(4.5);
    await v.page.screenshot({ path: '/tmp/widget-open.png' });
    await v.close();
  });

  it('shows the team name in the header, never the internal inbox name', async () => {
    await op.setInbox({ teamName: 'Acme Outdoor team' });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    await page.goto(`${s.url}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(page);
    await chat.getByRole('heading', { level: 1, name: 'Acme Outdoor team' }).waitFor();
    expect(await chat.locator('body').textContent()).not.toContain('Website');
    await ctx.close();
  });
});

describe('the conversation follows the newest message', () => {
  it('opens the history at the newest message, follows new ones, and offers "New messages" to a visitor reading further up', async () => {
    const v = await visitorWrites('I have a long question about tents');
    const id = await op.conversationWith('long question about tents');
    for (let i = 1; i <= 30; i++) await op.say(id, `Answer line ${i}`);
    const log = v.chat.getByRole('log', { name: 'Conversation' });
    await log.getByText('Answer line 30').waitFor();

    // A reload: the chat loads hidden (a conversation is under way) and opens at the newest message.
    await v.page.reload();
    await v.page.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(v.page);
    const log2 = chat.getByRole('log', { name: 'Conversation' });
    await log2.getByText('Answer line 30').waitFor();
    await expect.poll(() => inView(chat, '.log', 'Answer line 30')).toBe(true);

    await op.say(id, 'Answer line 31');
    await expect.poll(() => inView(chat, '.log', 'Answer line 31')).toBe(true);

    // Reading further up: a new message does not move the view; the button does.
    await log2.evaluate((el) => (el.scrollTop = 0));
    const button = chat.getByRole('button', { name: 'New messages' });
    await op.say(id, 'Answer line 32');
    await button.waitFor();
    expect(await inView(chat, '.log', 'Answer line 32')).toBe(false);
    await button.click();
    await expect.poll(() => inView(chat, '.log', 'Answer line 32')).toBe(true);
    await button.waitFor({ state: 'hidden' });

    // An image takes its room only once loaded: the view stays at the bottom.
    const file = await op.upload(id, 'trail-map.png', 'image/png', png(240, 200));
    await op.say(id, 'Here is the map', [file]);
    const img = chat.getByRole('img', { name: 'trail-map.png' });
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(240);
    await expect.poll(() => inView(chat, '.log', 'Here is the map')).toBe(true);
    await v.close();
  });
});

describe('attachments', () => {
  it('shows a file from the operator as a download with an icon, no symbol a font may lack', async () => {
    const v = await visitorWrites('Do you have a size guide?');
    const id = await op.conversationWith('size guide');
    const file = await op.upload(id, 'size-guide.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n%%EOF\n'));
    await op.say(id, '', [file]);
    const link = v.chat.getByRole('link', { name: 'Download size-guide.pdf' });
    await link.waitFor();
    expect(await link.locator('svg').count()).toBe(1);
    expect(await link.textContent()).toBe('Download size-guide.pdf');
    await v.close();
  });

  it('names the file and the reason when an upload is refused, and clears that on the next action', async () => {
    const v = await visitorWrites('Can I send you a file?');
    const chooser = v.page.waitForEvent('filechooser');
    await v.chat.getByRole('button', { name: 'Attach a file' }).click();
    await (await chooser).setFiles({ name: 'setup.exe', mimeType: 'application/octet-stream', buffer: Buffer.from('MZ\x90\x00binary') });
    const alert = v.chat.getByRole('alert');
    // The widget's own words for the server's code (unsupported_media_type), in the visitor's language.
    await expect.poll(() => alert.textContent()).toBe('setup.exe was not sent: Only images, PDF and text files can be sent.');
    // Not above later messages: outside the conversation log.
    expect(await v.chat.getByRole('log', { name: 'Conversation' }).textContent()).not.toContain('setup.exe');
    await v.chat.getByLabel('Message').fill('OK, a photo then');
    await expect.poll(() => alert.textContent()).toBe('');
    await v.close();
  });
});

describe('times', () => {
  async function timesOnBothSides(locale: string, text: string): Promise<{ widget: string; console: string }> {
    const v = await visitorWrites(text, { locale });
    const ctx = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    const page = await ctx.newPage();
    const id = await op.conversationWith(text);
    await page.goto(`${s.url}/console/#/c/${id}`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const message = page.getByRole('log', { name: 'Messages' }).locator('.msg').filter({ hasText: text });
    const consoleTime = (await message.locator('time').textContent()) ?? '';
    const widgetTime = (await v.chat.locator('.msg.mine').filter({ hasText: text }).locator('time').textContent()) ?? '';
    await ctx.close();
    await v.close();
    return { widget: widgetTime, console: consoleTime };
  }

  it('reads the same in the widget and the console for one locale, in that locale’s clock style', async () => {
    const us = await timesOnBothSides('en-US', 'What time is it in New York?');
    expect(us.widget).toMatch(/^\d{1,2}:\d{2}\s?[AP]M$/);
    expect(us.console).toBe(us.widget);
    const gb = await timesOnBothSides('en-GB', 'What time is it in London?');
    expect(gb.widget).toMatch(/^\d{2}:\d{2}$/);
    expect(gb.console).toBe(gb.widget);
  });
});

describe('on a phone', () => {
  it('keeps Tab and Shift+Tab inside the open chat, and Esc closes it with the focus back on the launcher', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    await page.goto(`${s.url}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(page);
    await expect.poll(() => chat.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Message');
    // The launcher and the frame live in the loader's shadow root.
    const focusInChat = async () =>
      (await page.evaluate(() => document.activeElement?.shadowRoot?.activeElement?.tagName)) === 'IFRAME' &&
      (await chat.evaluate(() => document.activeElement !== document.body));
    for (const key of ['Tab', 'Shift+Tab']) {
      for (let i = 0; i < 8; i++) {
        await page.keyboard.press(key);
        expect(await focusInChat(), `${key} #${i + 1}`).toBe(true);
      }
    }
    await page.keyboard.press('Escape');
    const launcher = page.getByRole('button', { name: 'Open chat' });
    await launcher.waitFor();
    await expect.poll(() => launcher.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).toBe(true);
    expect(await page.locator('iframe[title="Chat"]').isHidden()).toBe(true);
    await ctx.close();
  });
});

/** WCAG contrast of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = (c.match(/[\d.]+/g) ?? []).map(Number).map((v) => {
      const x = v / 255;
      return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
