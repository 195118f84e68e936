/**
 * The widget on other websites, in real Chromium: pages outside an inbox's
 * allowed origins get no launcher and cannot frame the chat, and a page can
 * neither read the visitor token nor plant its own (it would read what the
 * next visitor writes). The shops here are served by the test on their own
 * origins, so the chat runs in a third-party frame as on a customer's site.
 */
import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, type TestClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, lookAnswered, type Operator, operator, serveShop, operatorOnline } from '../support/widget-page.js';

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
afterEach(() => op.setInbox({ allowedOrigins: [] }));
afterAll(async () => {
  team?.close();
  await browser?.close();
  await s?.close();
});

describe('allowed origins', () => {
  it('shows no launcher on a page the inbox does not allow, and a working chat on one it does', async () => {
    await op.setInbox({ allowedOrigins: ['http://shop.example.com'] });
    const ctx = await browser.newContext();
    const evil = await ctx.newPage();
    const evilUrl = await serveShop(ctx, s, 'evil.example.net');
    // Refused, and without CORS: the page cannot even read the refusal.
    expect(await lookAnswered(evil, () => evil.goto(evilUrl))).toBe(0);
    expect(await evil.getByRole('button', { name: 'Open chat' }).count()).toBe(0);
    expect(await evil.locator('iframe').count()).toBe(0);

    // The demo shop on the server's own origin is not on the list either.
    const demo = await ctx.newPage();
    expect(await lookAnswered(demo, () => demo.goto(`${s.url}/`))).toBe(403);
    expect(await demo.getByRole('button', { name: 'Open chat' }).count()).toBe(0);

    const shop = await ctx.newPage();
    const shopUrl = await serveShop(ctx, s, 'shop.example.com');
    expect(await lookAnswered(shop, () => shop.goto(shopUrl))).toBe(200);
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(shop);
    await chat.getByLabel('Message').fill('Hello from the real shop');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.locator('.msg.mine:not(.pending)').waitFor();
    await ctx.close();
  });

  it('refuses to be framed through a repeated key (it used to allow any page then)', async () => {
    await op.setInbox({ allowedOrigins: ['http://shop.example.com'] });
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const html = `<!doctype html><title>framing</title><iframe title="Stolen chat" src="${s.url}/widget/frame?key=${s.websiteKey}&key=x#o=http://shop.example.com"></iframe>`;
    await ctx.route('http://evil.example.net/**', (r) => r.fulfill({ contentType: 'text/html', body: html }));
    const [response] = await Promise.all([page.waitForResponse((r) => r.url().includes('/widget/frame')), page.goto('http://evil.example.net/')]);
    expect(response.status()).toBe(400);
    expect(response.headers()['content-security-policy'] ?? '').not.toContain('frame-ancestors *');
    const frame = page.frames().find((f) => f !== page.mainFrame());
    await frame?.waitForLoadState();
    expect(await frame?.getByLabel('Message').count()).toBe(0);
    await ctx.close();
  });
});

describe('the visitor token', () => {
  it('stays with the chat: a page cannot plant a token it holds and read what the next visitor writes', async () => {
    // The page's owner started a visitor of their own and keeps its token.
    const attacker = await newVisitor(s.url, s.websiteKey);
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const url = await serveShop(ctx, s, 'evil.example.net', `localStorage.setItem('sb:${s.websiteKey}:visitor', '${attacker.visitorToken}')`);
    await page.goto(url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(page);
    await chat.getByLabel('Message').fill('My card number is 4111 1111 1111 1111');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.locator('.msg.mine:not(.pending)').waitFor();
    const theirs = await api<{ items: { lastMessage: { preview: string } | null }[] }>(s.url, '/api/v1/widget/conversations', {
      token: attacker.visitorToken,
      headers: { 'x-website-key': s.websiteKey },
    });
    expect(theirs.status).toBe(200);
    expect(JSON.stringify(theirs.body)).not.toContain('4111');
    // Nor is the visitor's own token anywhere the page can read.
    const pageStorage = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    const frameStorage = await chat.evaluate(() => JSON.stringify({ ...localStorage }));
    const token = (JSON.parse(frameStorage) as Record<string, string>)[`sb:${s.websiteKey}:visitor`];
    expect(token).toBeTruthy();
    expect(pageStorage).not.toContain(token);
    await ctx.close();
  });

  it('keeps the visitor and their history across reloads on the customer’s site', async () => {
    const ctx = await browser.newContext();
    const page = await ctx.newPage();
    const url = await serveShop(ctx, s, 'shop.example.com');
    await page.goto(url);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(page);
    await chat.getByLabel('Message').fill('Do you deliver to Oslo?');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.locator('.msg.mine:not(.pending)').waitFor();
    const id = await op.conversationWith('deliver to Oslo');
    await op.say(id, 'Yes, in three days.');
    await chat.getByText('Yes, in three days.').waitFor();

    await page.reload();
    await page.getByRole('button', { name: 'Open chat' }).click();
    const again = await chatFrame(page);
    const log = again.getByRole('log', { name: 'Conversation' });
    await log.getByText('Do you deliver to Oslo?').waitFor();
    await log.getByText('Yes, in three days.').waitFor();
    await ctx.close();
  });
});

describe('opening the chat', () => {
  it('puts what the visitor types straight into the message box, however fast the chat loads (five fresh pages)', async () => {
    for (let i = 0; i < 5; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(await serveShop(ctx, s, 'shop.example.com'));
      await page.getByRole('button', { name: 'Open chat' }).click();
      const chat = await chatFrame(page);
      const box = chat.getByLabel('Message');
      await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
      // Keys go where the browser's focus is: in the chat's frame, not only in its document.
      await page.keyboard.type(`Hello ${i}`);
      expect(await box.inputValue()).toBe(`Hello ${i}`);
      await ctx.close();
    }
  });
});
