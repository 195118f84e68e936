/**
 * Visitor activity in real Chromium: a visitor on a shop (another origin,
 * the widget as customers embed it) is tracked from their first page, without
 * opening the chat; the operator sees their page trail live beside the
 * conversation; the Visitors page shows a visitor arrive, move and leave;
 * Start chat opens the widget on the visitor's page with the operator's
 * message and the visitor's answer reaches the operator. axe on the new
 * screens.
 */
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, serveShop } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let operator: Page;
const pageErrors: string[] = [];

const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });
const gone = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'detached', timeout });

/** The shop names each page after its path, as a site would. */
const TITLES = `document.title = ({ '/': 'Home', '/tents': 'Tents', '/tents/trail-2p': 'Trail 2P tent', '/checkout': 'Checkout' })[location.pathname] || location.pathname;`;

async function shopVisit(host: string, path = '/'): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  await serveShop(ctx, s, host, TITLES);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`http://${host}${path}`);
  return { ctx, page };
}

/** The server recorded a view of this address. */
async function pageViewed(url: string): Promise<boolean> {
  return !!(await s.app.ctx.db.selectFrom('page_views').select('id').where('url', '=', url).executeTakeFirst());
}

/** A single-page site moving on: the address and title change without a reload. */
async function spaNavigate(page: Page, path: string, title: string): Promise<void> {
  await page.evaluate(
    ([p, t]) => {
      history.pushState({}, '', p);
      document.title = t as string;
    },
    [path, title],
  );
}

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  operator = await ctx.newPage();
  operator.on('pageerror', (e) => pageErrors.push(e.message));
  await operator.goto(`${s.url}/console/`);
  await operator.getByLabel('Email').fill(s.admin.email);
  await operator.getByLabel('Password').fill(s.admin.password);
  await operator.getByRole('button', { name: 'Sign in' }).click();
  await visible(operator.getByRole('region', { name: 'Conversations' }));
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('visitor activity', () => {
  it('shows the visitor’s page trail live beside the conversation', async () => {
    const landing = 'http://trail.shop.test/?utm_source=newsletter&utm_campaign=spring';
    const { ctx, page } = await shopVisit('trail.shop.test', '/?utm_source=newsletter&utm_campaign=spring');
    // Tracked from the first page, before the chat was ever opened (the chat connects once the page has loaded).
    await expect.poll(() => pageViewed(landing), { timeout: 15_000 }).toBe(true);
    await spaNavigate(page, '/tents', 'Tents');
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(page);
    await chat.getByLabel('Message').fill('Which tent is lightest?');
    await chat.getByRole('button', { name: 'Send' }).click();

    const list = operator.getByRole('region', { name: 'Conversations' });
    await list.getByRole('link').filter({ hasText: 'Which tent is lightest?' }).click();
    const panel = operator.getByRole('complementary', { name: 'Visitor details' });
    const trail = panel.getByRole('list', { name: 'Pages this visit' });
    await visible(trail.getByRole('link', { name: 'Tents' }));
    await visible(trail.getByRole('link', { name: 'Home' }));
    expect(await panel.textContent()).toContain('New visitor');
    expect(await panel.textContent()).toContain('Desktop · Chrome');
    expect(await panel.textContent()).toContain('newsletter');
    expect(await panel.textContent()).toContain('spring');
    const items = trail.getByRole('listitem');
    expect(await items.first().textContent()).toContain('Current page');
    expect(await items.first().textContent()).toContain('Tents');

    // The visitor moves on: the panel follows without a reload, newest first.
    await spaNavigate(page, '/tents/trail-2p', 'Trail 2P tent');
    await visible(trail.getByRole('link', { name: 'Trail 2P tent' }));
    await expect
      .poll(async () => (await items.allTextContents()).map((t) => t.split(/Current page|\d+ s|\d+ min/)[0]?.trim()))
      .toEqual(['Trail 2P tent', 'Tents', 'Home']);
    expect(await items.nth(1).textContent()).not.toContain('Current page');
    // Only safe links: the address as it was, opened away from the console.
    expect(await trail.getByRole('link', { name: 'Trail 2P tent' }).getAttribute('href')).toBe('http://trail.shop.test/tents/trail-2p');
    expect(await trail.getByRole('link', { name: 'Trail 2P tent' }).getAttribute('rel')).toContain('noopener');

    await operator.screenshot({ path: '/tmp/switchboard-visitor-panel.png' });
    const problems = await axeProblems(operator, { include: '.visitor-panel' });
    expect(problems).toEqual([]);
    await ctx.close();
  });

  it('lists a visitor arriving, moving and leaving on the Visitors page', async () => {
    await operator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Visitors' }).click();
    const table = operator.getByRole('table', { name: 'Visitors on the site now' });
    await visible(table);
    const { ctx, page } = await shopVisit('list.shop.test', '/tents');
    // A visitor who never opened the chat: tracked all the same.
    const row = table.getByRole('row').filter({ hasText: 'Tents' }).filter({ hasText: 'http://list.shop.test/tents' });
    await visible(row);
    expect(await row.textContent()).toContain('New');
    expect(await row.getByRole('button', { name: 'Start chat' }).isEnabled()).toBe(true);
    const visitorCell = (await row.getByRole('cell').first().textContent()) ?? '';
    expect(visitorCell).toMatch(/^Visitor [A-Z0-9]{6}$/);

    // A full page load to the next page: the same visitor, on the new page.
    await page.goto('http://list.shop.test/checkout');
    const moved = table.getByRole('row').filter({ hasText: visitorCell }).filter({ hasText: 'Checkout' });
    await visible(moved);
    expect(await table.getByRole('row').filter({ hasText: visitorCell }).count()).toBe(1);

    await operator.screenshot({ path: '/tmp/switchboard-visitors.png' });
    expect(await axeProblems(operator, { include: '.visitors-page' })).toEqual([]);

    const left = Date.now();
    await ctx.close();
    await gone(table.getByRole('row').filter({ hasText: visitorCell }));
    expect(Date.now() - left).toBeLessThan(10_000);
  });

  it('starts a chat from the list: the widget opens with the operator’s message, and the answer comes back', async () => {
    const table = operator.getByRole('table', { name: 'Visitors on the site now' });
    const { ctx, page } = await shopVisit('invite.shop.test', '/tents/trail-2p');
    const row = table.getByRole('row').filter({ hasText: 'http://invite.shop.test/tents/trail-2p' });
    await visible(row);
    // The chat is not open on the visitor's page.
    expect(await page.getByRole('button', { name: 'Open chat' }).count()).toBe(1);

    await row.getByRole('button', { name: 'Start chat' }).click();
    const dialog = operator.getByRole('dialog', { name: 'Start chat with this visitor' });
    await visible(dialog);
    expect(await axeProblems(operator, { include: '.dialog[open]' })).toEqual([]);
    await dialog.getByLabel('Message').fill('Hi! The Trail 2P is our lightest two-person tent. Any questions?');
    await dialog.getByRole('button', { name: 'Send' }).click();
    await gone(dialog.getByRole('button', { name: 'Send' })).catch(() => {});
    // The console opens the new conversation, assigned to the operator.
    await visible(operator.getByRole('log', { name: 'Messages' }).getByText('The Trail 2P is our lightest'));

    // On the visitor's page the chat opened by itself, with the operator's message, and the page kept its focus.
    await visible(page.getByRole('button', { name: 'Minimise chat' }));
    const chat: Frame = await chatFrame(page);
    const log = chat.getByRole('log', { name: 'Conversation' });
    await expect.poll(() => log.textContent(), { timeout: 10_000 }).toContain('The Trail 2P is our lightest two-person tent.');
    expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('IFRAME');

    await chat.getByLabel('Message').fill('Does it fit in a backpack?');
    await chat.getByRole('button', { name: 'Send' }).click();
    await visible(operator.getByRole('log', { name: 'Messages' }).getByText('Does it fit in a backpack?'));

    // The list says they are chatting now, and offers no second chat.
    await operator.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Visitors' }).click();
    const chatting = table.getByRole('row').filter({ hasText: 'http://invite.shop.test/tents/trail-2p' });
    await visible(chatting.getByText('Chatting'));
    expect(await chatting.getByRole('button', { name: 'Start chat' }).isDisabled()).toBe(true);
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });
});
