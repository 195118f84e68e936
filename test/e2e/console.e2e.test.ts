/**
 * The operator console in real Chromium against a real server. Visitors are
 * driven through the realtime protocol from Node (no widget needed), so each
 * step checks what an operator sees while visitors write.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { AckFrame, ServerFrame } from '@switchboard/protocol';
import { RealtimeClient } from '@switchboard/protocol/client';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { launchBrowser } from '../support/browser.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

interface TestVisitor {
  client: RealtimeClient;
  frames: ServerFrame[];
  conversationId: string | null;
  say(body: string): Promise<AckFrame>;
  close(): void;
}

/** A website visitor talking the protocol, as the widget does. */
async function visitor(s: TestServer, page?: { url: string; title: string; timeZone: string }): Promise<TestVisitor> {
  const res = await fetch(`${s.url}/api/v1/widget/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ websiteKey: s.websiteKey }),
  });
  const { visitorToken } = (await res.json()) as { visitorToken: string };
  const frames: ServerFrame[] = [];
  let opened!: () => void;
  const ready = new Promise<void>((r) => (opened = r));
  const client = new RealtimeClient({
    url: s.wsUrl,
    WebSocket: WebSocket as unknown as new (url: string) => globalThis.WebSocket,
    auth: () => ({ kind: 'visitor', websiteKey: s.websiteKey, visitorToken }),
    onFrame: (f) => frames.push(f),
    onState: (state) => state === 'open' && opened(),
  });
  client.connect();
  await ready;
  if (page) client.sendVolatile({ type: 'page', url: page.url, title: page.title, timeZone: page.timeZone, locale: 'fr-FR' });
  const v: TestVisitor = {
    client,
    frames,
    conversationId: null,
    async say(body) {
      const ack = await client.send({ body, ...(v.conversationId ? { conversationId: v.conversationId } : {}) });
      if (!v.conversationId) {
        v.conversationId = ack.conversationId;
        client.subscribe(ack.conversationId);
      }
      return ack;
    },
    close: () => client.close(),
  };
  return v;
}

const visible = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'visible', timeout });
const gone = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'hidden', timeout });

let s: TestServer;
let browser: Browser;
let ctx: BrowserContext;
let page: Page;
const visitors: TestVisitor[] = [];
let dialogs = 0;
const pageErrors: string[] = [];

beforeAll(async () => {
  execFileSync(process.execPath, ['packages/console/build.mjs'], { cwd: root, stdio: 'inherit' });
  s = await startTestServer();
  browser = await launchBrowser();
  ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
});

afterAll(async () => {
  for (const v of visitors) v.close();
  await browser?.close();
  await s?.close();
});

describe('operator console', () => {
  const list = () => page.getByRole('region', { name: 'Conversations' });
  const item = (text: string) => list().getByRole('link').filter({ hasText: text });
  const messages = () => page.getByRole('log', { name: 'Messages' });

  it('refuses a wrong password, then signs in', async () => {
    await page.goto(`${s.url}/console/`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await visible(alert);
    expect(await alert.textContent()).toMatch(/\w/);

    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(list());
    await page.getByRole('button', { name: 'Unassigned' }).click();
  });

  it('shows a new visitor message in Unassigned live, without a reload', async () => {
    const ana = await visitor(s, { url: 'https://shop.example.com/tents/trail-2p', title: 'Trail tent 2P', timeZone: 'Europe/Paris' });
    visitors.push(ana);
    await ana.say('Hello, is the trail tent in stock?');
    await visible(item('is the trail tent in stock?'));
    await ana.say('The green one, size 2P.');
    await visible(item('The green one, size 2P.'));
    await expect.poll(() => item('The green one').locator('.badge').textContent()).toContain('2');
  });

  it('opens the conversation, replies, assigns, resolves and reopens', async () => {
    const ana = visitors[0]!;
    await item('The green one').click();
    await visible(messages().getByText('Hello, is the trail tent in stock?'));
    // The visitor panel knows the page (also the current one of the visit's pages) and the local time.
    const panel = page.getByRole('complementary', { name: 'Visitor details' });
    await visible(panel.getByRole('link', { name: /Trail tent 2P/ }).first());
    expect(await panel.textContent()).toMatch(/\d\d:\d\d \(Europe\/Paris\)/);

    const reply = page.getByLabel('Reply');
    await reply.fill('Yes! See https://shop.example.com/tents/trail-2p');
    await reply.press('Enter');
    await visible(messages().getByRole('link', { name: 'https://shop.example.com/tents/trail-2p' }));
    const link = messages().getByRole('link', { name: 'https://shop.example.com/tents/trail-2p' });
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    expect(await link.getAttribute('target')).toBe('_blank');
    await expect
      .poll(() => ana.frames.some((f) => f.type === 'message' && f.message.author.kind === 'operator' && f.message.body.startsWith('Yes! See')))
      .toBe(true);
    await gone(page.getByText('Sending…'));

    // Read receipt: the visitor reads the reply.
    const replySeq = ana.frames.flatMap((f) => (f.type === 'message' && f.message.author.kind === 'operator' ? [f.message.seq] : [])).pop()!;
    ana.client.sendVolatile({ type: 'read', conversationId: ana.conversationId!, seq: replySeq });
    await visible(messages().getByText('Seen', { exact: true }));

    const byId = list().locator(`[data-conversation-id="${ana.conversationId}"]`);
    await visible(byId);
    await page.getByRole('button', { name: 'Assign to me' }).click();
    await visible(messages().getByText(/Assigned to/));
    await gone(byId);
    await page.getByRole('button', { name: 'Mine' }).click();
    await visible(byId);

    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await visible(page.getByRole('button', { name: 'Reopen' }));
    await visible(
      messages()
        .locator('.msg-event')
        .filter({ hasText: /resolved/i }),
    );
    await page.getByRole('button', { name: 'Reopen' }).click();
    await visible(page.getByRole('button', { name: 'Resolve', exact: true }));
  });

  it('sends an image attachment with a reply', async () => {
    const ana = visitors[0]!;
    // A 1x1 transparent PNG: the server decides the type from the bytes.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    await page.locator('input[type=file]').setInputFiles({ name: 'tent-photo.png', mimeType: 'image/png', buffer: png });
    await visible(page.getByRole('list', { name: 'Attached files' }).getByText('tent-photo.png'));
    await page.getByLabel('Reply').fill('Here is a photo');
    await page.getByRole('button', { name: 'Send' }).click();
    const img = messages().getByRole('img', { name: 'tent-photo.png' });
    await visible(img);
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
    await expect.poll(() => ana.frames.some((f) => f.type === 'message' && f.message.attachments.some((a) => a.name === 'tent-photo.png'))).toBe(true);
  });

  it('switches the operator between Online and Away', async () => {
    const token = await login(s.url);
    const status = async () =>
      (await api<{ items: { email: string; status: string }[] }>(s.url, '/api/v1/operators', { token })).body.items.find((o) => o.email === s.admin.email)
        ?.status;
    await page.getByRole('button', { name: 'Away' }).click();
    await expect.poll(status).toBe('away');
    expect(await page.getByRole('button', { name: 'Away' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Online' }).click();
    await expect.poll(status).toBe('online');
  });

  it('shows the visitor typing', async () => {
    const ana = visitors[0]!;
    ana.client.sendVolatile({ type: 'typing', conversationId: ana.conversationId!, typing: true });
    await visible(page.getByText('Visitor is typing…'));
    ana.client.sendVolatile({ type: 'typing', conversationId: ana.conversationId!, typing: false });
    await gone(page.getByText('Visitor is typing…'));
  });

  it('counts unread messages in a chat that is not on screen, in the list, the tabs and the title', async () => {
    const bo = await visitor(s);
    visitors.push(bo);
    await bo.say('Where is my order #1234?');
    await page.getByRole('button', { name: 'Unassigned' }).click();
    const boItem = item('Where is my order #1234?');
    await visible(boItem);
    await expect.poll(() => boItem.locator('.badge').textContent()).toContain('1');
    await bo.say('It was due on Monday.');
    await expect.poll(() => item('due on Monday').locator('.badge').textContent()).toContain('2');
    await expect.poll(() => page.title()).toBe('(2) Switchboard');

    // Open it as a second tab: read, then the first chat's tab counts a new message.
    await item('due on Monday').click();
    await visible(messages().getByText('Where is my order #1234?'));
    await expect.poll(() => page.title()).toBe('Switchboard');
    const tabs = page.getByRole('navigation', { name: 'Open chats' });
    await expect.poll(() => tabs.getByRole('link').count()).toBe(2);
    await visitors[0]!.say('Thanks, one more question.');
    await expect.poll(() => tabs.getByRole('link').first().locator('.badge').textContent()).toContain('1');
    await expect.poll(() => page.title()).toBe('(1) Switchboard');

    // Alt+1 switches to the first tab, which clears it.
    await page.keyboard.press('Alt+1');
    await visible(messages().getByText('Thanks, one more question.'));
    await expect.poll(() => page.title()).toBe('Switchboard');
    await page.keyboard.press('Alt+2');
    await visible(messages().getByText('It was due on Monday.'));

    // Alt+Arrow moves through the list on screen (All: newest activity first).
    await page.getByRole('button', { name: 'All' }).click();
    await list().locator('ul[aria-busy="false"]').waitFor();
    const ids = await list()
      .getByRole('link')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-conversation-id')));
    // The item the console shows as current (its state, not just the address bar).
    const current = () =>
      list()
        .locator('[aria-current="true"]')
        .getAttribute('data-conversation-id', { timeout: 2000 })
        .catch(() => null);
    await list().getByRole('link').first().click();
    await expect.poll(current).toBe(ids[0]);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(current).toBe(ids[1]);
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(current).toBe(ids[0]);
    await page.getByRole('button', { name: 'Unassigned' }).click();
  });

  it('keeps the history across a page reload', async () => {
    await page.keyboard.press('Alt+1');
    await visible(messages().getByText('Thanks, one more question.'));
    await page.reload();
    await visible(messages().getByText('Hello, is the trail tent in stock?'));
    await visible(messages().getByText('Yes! See'));
    await visible(messages().getByText('Thanks, one more question.'));
    expect(await page.getByRole('navigation', { name: 'Open chats' }).getByRole('link').count()).toBe(2);
  });

  it('shows markup in a message as text', async () => {
    const ana = visitors[0]!;
    await ana.say('<img src=x onerror=alert(1)> and <b>bold</b>');
    await visible(messages().getByText('<img src=x onerror=alert(1)> and <b>bold</b>'));
    expect(await messages().locator('img[src="x"], b').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toBe(0);
    await page.screenshot({ path: '/tmp/console-e2e.png' });
  });

  it('shows basic formatting, and the line a visitor reopening a resolved conversation leaves', async () => {
    const ana = visitors[0]!;
    await ana.say('**Green** is *sold out*, use `TENT10`:\n- blue\n- red');
    const last = messages().locator('.msg').last();
    await visible(last.locator('strong', { hasText: 'Green' }));
    expect(await last.locator('em').textContent()).toBe('sold out');
    expect(await last.locator('code').textContent()).toBe('TENT10');
    expect(await last.getByRole('listitem').allTextContents()).toEqual(['blue', 'red']);
    const token = await login(s.url);
    await api(s.url, `/api/v1/conversations/${ana.conversationId}/status`, { token, body: { status: 'resolved' } });
    await visible(page.getByRole('button', { name: 'Reopen' }));
    await ana.say('One more thing');
    await visible(messages().getByText('Reopened by the visitor'));
    await visible(page.getByRole('button', { name: 'Resolve', exact: true }));
  });

  it('never makes a visitor’s page a link unless it is an http(s) address', async () => {
    // A page stored before addresses were checked, as an attacker would report it.
    await s.app.ctx.db.updateTable('visitors').set({ page_url: 'javascript:alert(document.cookie)', page_title: 'Cart' }).execute();
    await page.reload();
    const panel = page.getByRole('complementary', { name: 'Visitor details' });
    await visible(panel.getByText('Cart'));
    expect(await panel.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(await panel.getByRole('link', { name: /Cart/ }).count()).toBe(0);
  });

  it('loads earlier messages of a long conversation on demand', async () => {
    const cy = await visitor(s);
    visitors.push(cy);
    await cy.say('First question from Cy');
    const token = await login(s.url);
    for (let i = 1; i <= 55; i++) {
      await api(s.url, `/api/v1/conversations/${cy.conversationId}/messages`, { token, body: { body: `Answer line ${i}` } });
    }
    await page.getByRole('button', { name: 'All' }).click();
    await list().locator(`[data-conversation-id="${cy.conversationId}"]`).click();
    await visible(messages().getByText('Answer line 55'));
    const earlier = page.getByRole('button', { name: 'Load earlier' });
    await visible(earlier);
    expect(await messages().getByText('First question from Cy').count()).toBe(0);
    await earlier.click();
    await visible(messages().getByText('First question from Cy'));
    await gone(earlier);
  });

  it('invites an operator, who accepts and signs in', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Bruno Diaz');
    await page.getByLabel('Email address').fill('bruno@example.com');
    await page.getByRole('button', { name: 'Invite operator' }).click();
    const invite = page.getByLabel('Invite link');
    await visible(invite);
    const url = await invite.inputValue();
    expect(url).toMatch(/\/console\/#\/invite\/[\w-]+$/);
    await visible(page.getByLabel('Embed snippet'));
    expect(await page.getByLabel('Embed snippet').inputValue()).toContain(`data-website-key="${s.websiteKey}"`);
    await page.getByLabel('Greeting', { exact: true }).fill('Hi! Ask us anything about tents.');
    await page.getByRole('button', { name: 'Save inbox' }).click();
    await visible(page.getByRole('status').filter({ hasText: 'Saved' }));
    const token = await login(s.url);
    const inboxes = await api<{ items: { settings: { greeting: string } }[] }>(s.url, '/api/v1/inboxes', { token });
    expect(inboxes.body.items[0]?.settings.greeting).toBe('Hi! Ask us anything about tents.');

    const other = await browser.newContext();
    const newcomer = await other.newPage();
    await newcomer.goto(url.replace(/^https?:\/\/[^/]+/, s.url));
    await newcomer.getByLabel('Password').fill('a long password');
    await newcomer.getByRole('button', { name: 'Accept invite' }).click();
    await visible(newcomer.getByRole('region', { name: 'Conversations' }));
    await visible(newcomer.getByText('Bruno Diaz'));
    await other.close();
  });

  it('reloads itself once when the server speaks another protocol version (an upgrade), and not in a loop', async () => {
    const stale = await ctx.newPage();
    // The realtime server is played by the test: it refuses every hello as a newer server would.
    await stale.routeWebSocket('**/ws', (ws) => {
      ws.onMessage((m) => {
        if (JSON.parse(String(m)).type === 'hello')
          ws.send(JSON.stringify({ type: 'refused', reason: 'bad_version', message: 'Reload: the server was upgraded' }));
      });
    });
    let loads = 0;
    stale.on('load', () => loads++);
    await stale.goto(`${s.url}/console/`);
    await expect.poll(() => loads, { timeout: 10_000 }).toBe(2);
    // And no further reload (the guard itself is unit-tested in the protocol package).
    await stale.waitForTimeout(1500);
    expect(loads).toBe(2);
    await stale.close();
  });

  it('signs out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await visible(page.getByRole('button', { name: 'Sign in' }));
    const me = await page.evaluate(() => fetch('/api/v1/auth/me').then((r) => r.status));
    expect(me).toBe(401);
    expect(pageErrors).toEqual([]);
  });
});
