/**
 * The realtime connection as people see it, in the widget and the console:
 * a blip under a second says nothing; a longer outage says "Reconnecting…"
 * in a status element, then "Connected" once back; messages written
 * meanwhile stay "Sending…" until the server has them. The network is played
 * by the test: every WebSocket goes through a route it can cut or hold down.
 */
import type { Browser, BrowserContext, Frame, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.js';
import type { TestClient } from '../support/clients.js';
import { login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, operator, operatorOnline } from '../support/widget-page.js';

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

interface Network {
  /** Connections made so far. */
  connections(): number;
  /** Drops every open connection; new ones are refused while `hold` is on. */
  cut(hold: boolean): Promise<void>;
  restore(): void;
}

async function network(ctx: BrowserContext): Promise<Network> {
  const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
  let down = false;
  let made = 0;
  await ctx.routeWebSocket('**/ws', (ws) => {
    if (down) return void ws.close({ code: 4000, reason: 'network down' });
    made++;
    open.add({ page: ws, server: ws.connectToServer() });
  });
  return {
    connections: () => made,
    async cut(hold) {
      down = hold;
      for (const c of open) {
        await c.server.close();
        await c.page.close({ code: 4001, reason: 'network cut' });
      }
      open.clear();
    },
    restore: () => {
      down = false;
    },
  };
}

/** Records every text the `status` elements of `target` show, from now on. */
async function recordStatus(target: Page | Frame, selector: string): Promise<() => Promise<string[]>> {
  await target.evaluate((sel) => {
    const seen: string[] = [];
    (window as unknown as { __statuses: string[] }).__statuses = seen;
    for (const el of document.querySelectorAll(sel))
      new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, subtree: true, characterData: true });
  }, selector);
  return () => target.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
}

/** A blip: cut, reconnected at once; by the time a second has passed, nothing was said. */
async function blip(net: Network, statuses: () => Promise<string[]>, page: Page): Promise<void> {
  const before = net.connections();
  const at = Date.now();
  await net.cut(false);
  await expect.poll(() => net.connections(), { timeout: 5000 }).toBeGreaterThan(before);
  // Absence can only be seen by letting the notice's one second pass.
  await page.waitForTimeout(Math.max(0, 1300 - (Date.now() - at)));
  expect(await statuses()).not.toContain('Reconnecting…');
}

describe('connection state', () => {
  it('in the widget: silent for a blip, Reconnecting… for an outage, Connected when back, and Sending… until stored', async () => {
    const ctx = await browser.newContext();
    const net = await network(ctx);
    const page = await ctx.newPage();
    await page.goto(`${s.url}/`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(page);
    await chat.getByLabel('Message').fill('Hello before the tunnel');
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.locator('.msg.mine:not(.pending)').waitFor();
    const statuses = await recordStatus(chat, '[role=status]');

    await blip(net, statuses, page);

    await net.cut(true);
    await chat.getByLabel('Message').fill('Written in the tunnel');
    await chat.getByRole('button', { name: 'Send' }).click();
    const pending = chat.locator('.msg.pending').filter({ hasText: 'Written in the tunnel' });
    await pending.getByText('Sending…').waitFor();
    await chat.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: 10_000 });
    expect(await pending.getByText('Sending…').isVisible()).toBe(true);

    net.restore();
    await chat.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
    await chat.locator('.msg.mine:not(.pending)').filter({ hasText: 'Written in the tunnel' }).waitFor();
    expect(await chat.getByText('Sending…').count()).toBe(0);
    await ctx.close();
  });

  it('in the console: silent for a blip, Reconnecting… for an outage, Connected when back, and Sending… until stored', async () => {
    const op = await operator(s, await login(s.url));
    const id = await op.conversationWith('Written in the tunnel');
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const net = await network(ctx);
    const page = await ctx.newPage();
    await page.goto(`${s.url}/console/#/c/${id}`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const messages = page.getByRole('log', { name: 'Messages' });
    await messages.getByText('Written in the tunnel').waitFor();
    await expect.poll(() => net.connections()).toBe(1);
    const statuses = await recordStatus(page, '.topbar [role=status]');

    await blip(net, statuses, page);

    await net.cut(true);
    await page.getByLabel('Reply').fill('Answered from a train');
    await page.getByLabel('Reply').press('Enter');
    await messages.getByText('Sending…').waitFor();
    await page.getByRole('status').filter({ hasText: 'Reconnecting…' }).waitFor({ timeout: 10_000 });
    expect(await messages.getByText('Sending…').isVisible()).toBe(true);

    net.restore();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
    await messages.getByText('Sending…').waitFor({ state: 'hidden' });
    await messages.locator('.msg').filter({ hasText: 'Answered from a train' }).waitFor();
    await ctx.close();
  });
});
