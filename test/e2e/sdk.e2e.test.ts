/**
 * The JavaScript SDK on a website, in real Chromium: commands the page makes
 * before the loader has arrived (the embed snippet's stub queues them) are all
 * applied, in order: handlers are registered, the visitor is identified, then
 * their attributes are set and an event tracked, then the chat opens; an
 * identification with a bad hash leaves the visitor unverified (the API and
 * the console say so); `on('message')` and `on('unread')` hear an operator's
 * answer; `shutdown` takes the widget off the page and forgets the visitor,
 * so the next page starts a new anonymous one.
 */
import { createHmac } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../support/clients.js';
import { launchBrowser } from '../support/browser.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, type Operator, operator, operatorOnline, serveShop } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let op: Operator;
let team: TestClient;
let secret = '';
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  op = await operator(s, await login(s.url));
  team = await operatorOnline(s, op.token);
  const made = await api<{ secret: string }>(s.url, `/api/v1/inboxes/${op.inboxId}/identity-secret`, { token: op.token, body: {} });
  secret = made.body.secret;
  const attr = await api(s.url, '/api/v1/contact-attributes', { token: op.token, body: { key: 'plan', label: 'Plan', type: 'text' } });
  expect(attr.status).toBe(201);
});
afterAll(async () => {
  team?.close();
  await browser?.close();
  await s?.close();
});

const hmac = (id: string) => createHmac('sha256', secret).update(id).digest('hex');
const STUB = 'window.Switchboard=window.Switchboard||function(){(Switchboard.q=Switchboard.q||[]).push(arguments)};';
/** The page's own record of what the SDK told it, in order. */
const RECORD =
  'window.sbLog=[];' +
  "for (const e of ['ready','open','close','unread','message']) Switchboard('on', e, (d) => sbLog.push(e === 'message' ? 'message: ' + d.body : e === 'unread' ? 'unread ' + d : e));";

interface Shop {
  ctx: BrowserContext;
  page: Page;
  /** The widget requests the page's commands made, in the order the server received them. */
  calls: string[];
  /** The identification answers, in order. */
  answers: { contactId: string; verified: boolean }[];
  /** The visitor the chat started (its session answer). */
  visitorId: () => Promise<string>;
  log: () => Promise<string[]>;
}

async function shop(script: string, ctx?: BrowserContext): Promise<Shop> {
  const context = ctx ?? (await browser.newContext({ viewport: { width: 1200, height: 800 } }));
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const calls: string[] = [];
  const answers: Shop['answers'] = [];
  page.on('response', async (r) => {
    if (r.url().endsWith('/api/v1/widget/identify') && r.request().method() === 'POST') answers.push(await r.json());
  });
  page.on('request', (r) => {
    const m = /\/api\/v1\/widget\/(identify|events)$/.exec(r.url());
    if (m && r.method() === 'POST') calls.push(`${m[1]} ${r.postData() ?? ''}`);
  });
  const session = page.waitForResponse((r) => r.url().endsWith('/api/v1/widget/session'));
  const url = await serveShop(context, s, 'shop.example.com', STUB + RECORD + script);
  await page.goto(url);
  return {
    ctx: context,
    page,
    calls,
    answers,
    visitorId: async () => ((await (await session).json()) as { visitorId: string }).visitorId,
    log: () => page.evaluate(() => (window as unknown as { sbLog: string[] }).sbLog.slice()),
  };
}

describe('commands made before the loader arrives', () => {
  it('are all applied, in order, and the events say so', async () => {
    const id = 'cust-7001';
    const user = { id, hash: hmac(id), name: 'Ana Ruiz', email: 'ana@example.com' };
    const visitor = await shop(
      `Switchboard('identify', ${JSON.stringify(user)});` +
        "Switchboard('setAttributes', { plan: 'pro' });" +
        "Switchboard('track', 'Added to cart', { sku: 'TENT-2P', value: 249.9 });" +
        "Switchboard('open');",
    );
    const chat = await chatFrame(visitor.page);
    await chat.getByLabel('Message').waitFor({ state: 'visible' });
    await expect.poll(visitor.log).toEqual(['ready', 'open']);
    await expect.poll(() => visitor.calls.length).toBe(3);
    expect(visitor.calls.map((c) => c.split(' ')[0])).toEqual(['identify', 'identify', 'events']);
    expect(JSON.parse(visitor.calls[0]!.slice('identify '.length))).toMatchObject({ id, name: 'Ana Ruiz', email: 'ana@example.com' });
    expect(JSON.parse(visitor.calls[1]!.slice('identify '.length))).toEqual({ id, hash: user.hash, attributes: { plan: 'pro' } });
    expect(JSON.parse(visitor.calls[2]!.slice('events '.length))).toEqual({ name: 'Added to cart', data: { sku: 'TENT-2P', value: 249.9 } });

    // What the team sees: the verified contact with the attribute, and the event with the visitor's activity.
    const visitorId = await visitor.visitorId();
    expect(visitor.answers).toHaveLength(2);
    expect(visitor.answers.every((a) => a.verified)).toBe(true);
    const contact = await api(s.url, `/api/v1/contacts/${visitor.answers[1]?.contactId}`, { token: op.token });
    expect(contact.body).toMatchObject({ externalId: id, verified: true, name: 'Ana Ruiz', email: 'ana@example.com', attributes: { plan: 'pro' } });
    await expect
      .poll(async () =>
        (await api<{ items: { name: string }[] }>(s.url, `/api/v1/visitors/${visitorId}/events`, { token: op.token })).body.items.map((e) => e.name),
      )
      .toEqual(['Added to cart']);

    // The page's close and toggle, heard by the page's own handlers.
    await sb(visitor.page, 'close');
    await sb(visitor.page, 'toggle');
    await expect.poll(visitor.log).toEqual(['ready', 'open', 'close', 'open']);
    expect(await chat.getByLabel('Message').isVisible()).toBe(true);
    await visitor.ctx.close();
    expect(pageErrors).toEqual([]);
  });
});

describe('identify', () => {
  it('with a bad hash leaves the visitor unverified', async () => {
    const id = 'cust-7002';
    const visitor = await shop(
      `Switchboard('identify', { id: '${id}', hash: '${hmac('someone-else')}', name: 'Mallory' });` +
        "Switchboard('track', 'Viewed pricing', { plan: 'team' }); Switchboard('open');",
    );
    await expect.poll(() => visitor.answers.map((a) => a.verified)).toEqual([false]);
    const chat = await chatFrame(visitor.page);
    await chat.getByLabel('Message').fill('Is my order on its way?');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.locator('.msg.mine:not(.pending)').waitFor();
    const conversationId = await op.conversationWith('Is my order on its way?');
    const c = await api<{ contact: { verifiedAt?: number | null; claimedId?: string | null; externalId?: string | null } | null }>(
      s.url,
      `/api/v1/conversations/${conversationId}`,
      { token: op.token },
    );
    expect(c.body.contact).toMatchObject({ verifiedAt: null, claimedId: id });
    expect(c.body.contact?.externalId ?? null).toBeNull();

    // The console says so in words, and shows what the site tracked beside the visit.
    const consoleCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const desk = await consoleCtx.newPage();
    desk.on('pageerror', (e) => pageErrors.push(e.message));
    await desk.goto(`${s.url}/console/`);
    await desk.getByLabel('Email').fill(s.admin.email);
    await desk.getByLabel('Password').fill(s.admin.password);
    await desk.getByRole('button', { name: 'Sign in' }).click();
    await desk.getByRole('region', { name: 'Conversations' }).waitFor();
    await desk.goto(`${s.url}/console/#/c/${conversationId}`);
    const panel = desk.getByRole('complementary', { name: 'Visitor details' });
    await panel.getByText('Unverified').waitFor();
    await panel.getByText(/says they are user cust-7002/).waitFor();
    const events = panel.getByRole('list', { name: 'Events' });
    await events.getByText('Viewed pricing').waitFor();
    await events.getByText('plan: team').waitFor();
    await consoleCtx.close();
    await visitor.ctx.close();
  });
});

describe('events', () => {
  it("'message' and 'unread' tell the page about an operator's answer", async () => {
    const visitor = await shop("Switchboard('open');");
    const chat = await chatFrame(visitor.page);
    expect(await visitor.page.locator('span.b').isVisible()).toBe(false);
    await chat.getByLabel('Message').fill('Do you ship to Lisbon?');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.locator('.msg.mine:not(.pending)').waitFor();
    const conversationId = await op.conversationWith('ship to Lisbon');
    await op.say(conversationId, 'Yes, in three days.');
    await expect.poll(visitor.log).toContain('message: Yes, in three days.');
    // Closed, the next answer is unread, and the page hears the count.
    await sb(visitor.page, 'close');
    // The chat runs in its own (cross-origin) frame: wait until it has heard the close before the next answer. Messages
    // from the page reach it in order, so once a command sent after the close has taken effect on the server, so has the close.
    await sb(visitor.page, 'track', 'Closed the chat');
    const visitorId = await visitor.visitorId();
    await expect
      .poll(async () =>
        (await api<{ items: { name: string }[] }>(s.url, `/api/v1/visitors/${visitorId}/events`, { token: op.token })).body.items.map((e) => e.name),
      )
      .toContain('Closed the chat');
    await op.say(conversationId, 'Anything else?');
    await expect.poll(visitor.log).toEqual(['ready', 'open', 'message: Yes, in three days.', 'close', 'message: Anything else?', 'unread 1']);
    // The launcher's badge says it too (and is hidden again once the chat is open).
    const badge = visitor.page.locator('span.b');
    await expect.poll(() => badge.isVisible()).toBe(true);
    expect(await badge.textContent()).toBe('1');
    await sb(visitor.page, 'open');
    await expect
      .poll(visitor.log)
      .toEqual(['ready', 'open', 'message: Yes, in three days.', 'close', 'message: Anything else?', 'unread 1', 'open', 'unread 0']);
    expect(await badge.isVisible()).toBe(false);
    await visitor.ctx.close();
  });
});

describe('shutdown', () => {
  it('takes the widget off the page and forgets the visitor: the next page is a new anonymous visitor', async () => {
    const id = 'cust-7003';
    const context = await browser.newContext({ viewport: { width: 1200, height: 800 } });
    const first = await shop(`Switchboard('identify', { id: '${id}', hash: '${hmac(id)}' }); Switchboard('open');`, context);
    const chat = await chatFrame(first.page);
    await chat.getByLabel('Message').fill('Signed in and asking');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.locator('.msg.mine:not(.pending)').waitFor();
    const before = await first.visitorId();

    await sb(first.page, 'shutdown');
    await first.page.getByRole('button', { name: /chat/i }).waitFor({ state: 'detached' });
    expect(await first.page.locator('iframe').count()).toBe(0);
    await first.page.close();

    // The same browser, the site's next page (signed out): a new visitor, who sees nothing of the last one's chat.
    const next = await shop("Switchboard('open');", context);
    const after = await next.visitorId();
    expect(after).not.toBe(before);
    const fresh = await chatFrame(next.page);
    await fresh.getByLabel('Message').waitFor({ state: 'visible' });
    expect(await fresh.getByRole('log', { name: 'Conversation' }).textContent()).not.toContain('Signed in and asking');
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});

/** `Switchboard(command, ...args)` on the page. */
function sb(page: Page, command: string, ...args: unknown[]): Promise<void> {
  return page.evaluate(([c, a]) => (window as unknown as { Switchboard: (c: string, ...a: unknown[]) => void }).Switchboard(c as string, ...(a as unknown[])), [
    command,
    args,
  ] as const);
}
