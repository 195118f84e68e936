/**
 * The whole product in real Chromium: a visitor on the demo shop writes through
 * the widget, an operator answers in the console, both live; history survives
 * a reload.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Frame, Page } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import type { TestClient } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { operatorOnline } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let team: TestClient;
beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  // The team is at work: visitors chat (with nobody online they get the offline form).
  team = await operatorOnline(s);
});
afterAll(async () => {
  team?.close();
  await browser?.close();
  await s?.close();
});

async function chatFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('iframe[title="Chat"]', { state: 'attached' });
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no chat frame');
  return frame;
}

describe('visitor and operator, end to end', () => {
  it('chats live between the widget and the console, and keeps history across a reload', async () => {
    const visitorCtx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const shop = await visitorCtx.newPage();
    await shop.goto(`${s.url}/`);
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(shop);
    const box = chat.getByLabel('Message');
    await box.fill('Hi! Do you have the trail tent in green?');
    await chat.getByRole('button', { name: 'Send' }).click();
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect.poll(() => log.textContent()).toContain('Hi! Do you have the trail tent in green?');

    const opCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const console_ = await opCtx.newPage();
    await console_.goto(`${s.url}/console/`);
    await console_.getByLabel('Email').fill(s.admin.email);
    await console_.getByLabel('Password').fill(s.admin.password);
    await console_.getByRole('button', { name: 'Sign in' }).click();
    const list = console_.getByRole('region', { name: 'Conversations' });
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain('trail tent in green');

    // A second message arrives live, without a reload.
    await box.fill('Size 2P please.');
    await box.press('Enter');
    await expect.poll(() => list.textContent(), { timeout: 10_000 }).toContain('Size 2P please.');

    await list.getByText('Size 2P please.').click();
    const reply = console_.getByLabel('Reply');
    await reply.fill('Yes, we have it in green: https://shop.example.com/tent');
    await console_.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toContain('Yes, we have it in green');
    // Links are clickable, text is never HTML.
    await expect.poll(() => chat.locator('a[href="https://shop.example.com/tent"]').count()).toBe(1);

    await console_.getByRole('button', { name: 'Assign to me' }).click();
    // The header shows the assignment first (its buttons move as "Assign to me" becomes "Unassign").
    await console_.getByRole('button', { name: 'Unassign', exact: true }).waitFor();
    await console_.getByRole('button', { name: 'Resolve', exact: true }).click();
    await expect.poll(() => console_.getByRole('button', { name: 'Reopen' }).count()).toBe(1);

    // Reload the visitor page: the history is there.
    await shop.reload();
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const chat2 = await chatFrame(shop);
    const log2 = chat2.getByRole('log', { name: 'Conversation' });
    await expect.poll(() => log2.textContent(), { timeout: 10_000 }).toContain('Hi! Do you have the trail tent in green?');
    await expect.poll(() => log2.textContent()).toContain('Yes, we have it in green');
    await shop.screenshot({ path: '/tmp/switchboard-widget.png' });
    await console_.screenshot({ path: '/tmp/switchboard-console.png' });
    await visitorCtx.close();
    await opCtx.close();
  });

  it('raises the unread badge and the title notice when a reply arrives while the chat is closed', async () => {
    const ctx = await browser.newContext();
    const shop = await ctx.newPage();
    await shop.goto(`${s.url}/`);
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(shop);
    await chat.getByLabel('Message').fill('Anyone there?');
    await chat.getByRole('button', { name: 'Send' }).click();
    await expect.poll(() => chat.locator('.msg.mine:not(.pending)').count()).toBe(1);
    await chat.getByRole('button', { name: 'Close chat' }).click();

    const { api, login } = await import('../support/server.js');
    const token = await login(s.url);
    const convs = await api<{ items: { id: string; lastMessage: { preview: string } }[] }>(s.url, '/api/v1/conversations?view=all', { token });
    const conv = convs.body.items.find((c) => c.lastMessage.preview === 'Anyone there?');
    await api(s.url, `/api/v1/conversations/${conv?.id}/messages`, { token, body: { body: 'Yes! How can I help?' } });
    const launcher = shop.getByRole('button', { name: 'Open chat' });
    await expect.poll(() => launcher.textContent(), { timeout: 10_000 }).toContain('1');
    await expect.poll(() => shop.title()).toMatch(/^\(1\) /);
    await launcher.click();
    await expect.poll(() => shop.title()).not.toMatch(/^\(1\) /);
    await ctx.close();
  });

  it('reloads the chat once when the server speaks another protocol version (an upgrade), and not in a loop', async () => {
    const ctx = await browser.newContext();
    // The realtime server is played by the test: it refuses every hello as a newer server would.
    await ctx.routeWebSocket('**/ws', (ws) => {
      ws.onMessage((m) => {
        if (JSON.parse(String(m)).type === 'hello')
          ws.send(JSON.stringify({ type: 'refused', reason: 'bad_version', message: 'Reload: the server was upgraded' }));
      });
    });
    const shop = await ctx.newPage();
    let chatLoads = 0;
    shop.on('framenavigated', (f) => {
      if (f !== shop.mainFrame()) chatLoads++;
    });
    await shop.goto(`${s.url}/`);
    await shop.getByRole('button', { name: 'Open chat' }).click();
    await expect.poll(() => chatLoads, { timeout: 10_000 }).toBe(2);
    // And no further reload (the guard itself is unit-tested in the protocol package).
    await shop.waitForTimeout(1500);
    expect(chatLoads).toBe(2);
    await ctx.close();
  });

  it('fits a phone screen', async () => {
    const ctx = await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, hasTouch: true });
    const shop = await ctx.newPage();
    await shop.goto(`${s.url}/`);
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const frame = await shop.waitForSelector('iframe[title="Chat"]');
    const box = await frame.boundingBox();
    expect(box).toMatchObject({ x: 0, y: 0, width: 375, height: 667 });
    const chat = await chatFrame(shop);
    await expect.poll(() => chat.getByRole('button', { name: 'Close chat' }).isVisible()).toBe(true);
    await shop.screenshot({ path: '/tmp/switchboard-widget-phone.png' });
    await ctx.close();
  });

  it('sends a file from the widget and shows operator text as text, never as HTML', async () => {
    const ctx = await browser.newContext();
    const shop = await ctx.newPage();
    let dialogs = 0;
    shop.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await shop.goto(`${s.url}/`);
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(shop);
    await chat.getByLabel('Message').fill('Here is a photo of the tear');
    await chat.getByRole('button', { name: 'Send' }).click();
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    const chooser = shop.waitForEvent('filechooser');
    await chat.getByRole('button', { name: 'Attach a file' }).click();
    await (await chooser).setFiles({ name: 'tear.png', mimeType: 'image/png', buffer: png });
    const img = chat.getByRole('img', { name: 'tear.png' });
    await expect.poll(() => img.count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);

    const { api, login } = await import('../support/server.js');
    const token = await login(s.url);
    const convs = await api<{ items: { id: string; lastMessage: { preview: string } }[] }>(s.url, '/api/v1/conversations?view=all', { token });
    const conv = convs.body.items.find((c) => c.lastMessage.preview.includes('tear.png'));
    expect(conv).toBeTruthy();
    const history = await api<{ messages: { attachments: { name: string; mime: string }[] }[] }>(s.url, `/api/v1/conversations/${conv!.id}/messages`, {
      token,
    });
    expect(history.body.messages.flatMap((m) => m.attachments)).toEqual([expect.objectContaining({ name: 'tear.png', mime: 'image/png' })]);

    await api(s.url, `/api/v1/conversations/${conv!.id}/messages`, { token, body: { body: '<img src=x onerror=alert(1)><b>bold?</b>' } });
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toContain('<img src=x onerror=alert(1)><b>bold?</b>');
    expect(await chat.locator('.log b').count()).toBe(0);
    expect(dialogs).toBe(0);
    await ctx.close();
  });
});
