/**
 * Working a conversation as a team, in real Chromium: a private note with an
 * @mention reaches the other operator's console live and never the widget;
 * two operators in one conversation see each other (viewing, replying, a reply
 * that came while typing, taking over); sneak peek shows the visitor's draft
 * with the card number redacted. axe on each new piece of the console.
 */
import type { Browser, BrowserContext, Frame, Locator, Page, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import type { TestClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, operatorOnline } from '../support/widget-page.js';

let s: TestServer;
let browser: Browser;
let team: TestClient;
let admin: Page;
let bea: Page;
let shop: Page;
let chat: Frame;
const pageErrors: string[] = [];
const BEA = { email: 'bea@example.com', password: 'lantern-orchard-basalt' };

const visible = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'visible', timeout });
const gone = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'hidden', timeout });

async function consoleOf(email: string, password: string, before?: (ctx: BrowserContext) => Promise<unknown>): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  await before?.(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('region', { name: 'Conversations' }));
  return page;
}

const conversationId = async () => {
  const r = await api<{ items: { id: string }[] }>(s.url, '/api/v1/conversations?view=all', { token: await login(s.url) });
  return r.body.items[0]!.id;
};

const openFromList = async (page: Page, text: string) => {
  await page.getByRole('button', { name: 'All' }).click();
  await page.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: text }).click();
  await visible(page.getByRole('log', { name: 'Messages' }).getByText(text));
};

beforeAll(async () => {
  s = await startTestServer();
  const token = await login(s.url);
  await api(s.url, '/api/v1/operators', { token, body: { ...BEA, name: 'Bea Bauer' } });
  // The team is at work: visitors chat (with nobody online they get the offline form).
  team = await operatorOnline(s, token);
  browser = await launchBrowser();
  const visitor = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  shop = await visitor.newPage();
  await shop.goto(`${s.url}/`);
  await shop.getByRole('button', { name: 'Open chat' }).click();
  chat = await chatFrame(shop);
  await chat.getByLabel('Message').fill('Where is my parcel?');
  await chat.getByRole('button', { name: 'Send' }).click();
  await chat.locator('.msg.mine:not(.pending)').waitFor();
  admin = await consoleOf(s.admin.email, s.admin.password);
  bea = await consoleOf(BEA.email, BEA.password);
});
afterAll(async () => {
  team?.close();
  await browser?.close();
  await s?.close();
});

describe('a private note', () => {
  it('with an @mention reaches the other operator’s console live and never the widget', async () => {
    await openFromList(admin, 'Where is my parcel?');
    await admin.getByRole('tab', { name: 'Private note' }).click();
    expect(await admin.getByRole('tab', { name: 'Private note' }).getAttribute('aria-selected')).toBe('true');
    const box = admin.getByLabel('Private note', { exact: true });
    await box.pressSequentially('Checked the carrier, @Be');
    const picker = admin.getByRole('listbox', { name: 'Operators to mention' });
    await visible(picker.getByRole('option', { name: 'Bea Bauer' }));
    // Esc closes the list and leaves the note being written; a new @ opens it again.
    await box.press('Escape');
    await gone(picker);
    expect(await admin.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    for (let i = 0; i < 3; i++) await box.press('Backspace');
    await box.pressSequentially('@Be');
    await visible(picker);
    await box.press('ArrowDown');
    await box.press('ArrowUp');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await picker.getByRole('option', { name: 'Bea Bauer' }).getAttribute('id'));
    expect(await axeProblems(admin)).toEqual([]);
    await box.press('Enter');
    await gone(picker);
    expect(await box.inputValue()).toBe('Checked the carrier, @Bea Bauer ');
    await box.pressSequentially('can you call them?');
    await box.press('Enter');

    const mine = admin.getByRole('note', { name: 'Private note by You' });
    await visible(mine.getByText('can you call them?'));
    expect(await mine.locator('mark.mention').textContent()).toBe('@Bea Bauer');
    expect(await axeProblems(admin)).toEqual([]);

    // Bea, on her inbox, is told at once and opens it.
    const alert = bea.getByText('Admin mentioned you in a note');
    await visible(alert);
    await bea.getByRole('button', { name: 'Open conversation' }).click();
    await visible(bea.getByRole('note', { name: 'Private note by Admin' }).getByText('can you call them?'));
    await gone(alert);

    // The visitor gets the reply that follows, never the note.
    await admin.keyboard.press('Alt+N');
    await expect.poll(() => admin.getByRole('tab', { name: 'Reply' }).getAttribute('aria-selected')).toBe('true');
    await admin.getByLabel('Reply', { exact: true }).fill('We are on it!');
    await admin.getByLabel('Reply', { exact: true }).press('Enter');
    await visible(chat.getByText('We are on it!'));
    const widgetText = await chat.locator('body').textContent();
    expect(widgetText).not.toContain('carrier');
    expect(widgetText).not.toContain('Private note');
  });
});

describe('two operators in one conversation', () => {
  it('see each other viewing and replying, hear of a reply sent meanwhile, and are asked before taking over', async () => {
    const adminHeader = admin.locator('.conv-header');
    const beaHeader = bea.locator('.conv-header');
    await visible(adminHeader.getByText('Bea Bauer is viewing'));
    await visible(beaHeader.getByText('Admin is viewing'));

    const beaReply = bea.getByLabel('Reply', { exact: true });
    await beaReply.pressSequentially('I will call the carrier');
    await visible(adminHeader.getByText('Bea Bauer is replying'));

    await admin.getByLabel('Reply', { exact: true }).fill('Calling the carrier now.');
    await admin.getByLabel('Reply', { exact: true }).press('Enter');
    await visible(bea.getByText('Admin replied while you were typing. Read it before you send yours.'));
    expect(await axeProblems(bea)).toEqual([]);
    await beaReply.fill('');

    await admin.getByRole('button', { name: 'Assign to me' }).click();
    await visible(admin.locator('.conv-sub').getByText('Assigned to you'));
    await visible(bea.locator('.conv-sub').getByText('Assigned to Admin'));
    await bea.getByRole('button', { name: 'Assign to me' }).click();
    const dialog = bea.getByRole('dialog', { name: 'Take over from Admin?' });
    await visible(dialog);
    expect(await axeProblems(bea)).toEqual([]);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await gone(dialog);
    await visible(bea.locator('.conv-sub').getByText('Assigned to Admin'));

    // Bea goes back to her list: the Admin no longer sees her there.
    await bea.getByRole('link', { name: 'Inbox' }).click();
    await bea
      .getByRole('navigation', { name: 'Open chats' })
      .getByRole('button', { name: /^Close chat/ })
      .click();
    await gone(adminHeader.getByText('Bea Bauer is viewing'));
  });
});

describe('after a reconnect', () => {
  it('shows the note written while the console was offline', async () => {
    // The network is played by the test: every WebSocket of this console goes through a route it can cut.
    const open = new Set<{ page: WebSocketRoute; server: WebSocketRoute }>();
    let down = false;
    const second = await consoleOf(s.admin.email, s.admin.password, (ctx) =>
      ctx.routeWebSocket('**/ws', (ws) => {
        if (down) return void ws.close({ code: 4000, reason: 'network down' });
        open.add({ page: ws, server: ws.connectToServer() });
      }),
    );
    const id = await conversationId();
    await second.evaluate((c) => {
      location.hash = `#/c/${c}`;
    }, id);
    await visible(second.getByRole('note', { name: 'Private note by You' }));
    down = true;
    for (const c of open) {
      await c.server.close();
      await c.page.close({ code: 4001, reason: 'network cut' });
    }
    await visible(second.getByText('Reconnecting…'));
    const written = await api(s.url, `/api/v1/conversations/${id}/notes`, {
      token: await login(s.url, BEA),
      body: { body: 'Written while you were offline' },
    });
    expect(written.status).toBe(201);
    down = false;
    await visible(second.getByRole('note', { name: 'Private note by Bea Bauer' }).getByText('Written while you were offline'), 20_000);
    expect(await second.getByRole('note').count()).toBe(2);
    await second.context().close();
  });
});

describe('sneak peek', () => {
  it('shows "4111 1111 1111 1111" redacted, and tells the visitor first', async () => {
    await admin.getByRole('link', { name: 'Settings' }).click();
    const editor = admin.getByRole('form', { name: /^Inbox / });
    await editor.getByLabel('Sneak peek').check();
    expect(await axeProblems(admin)).toEqual([]);
    await editor.getByRole('button', { name: 'Save inbox' }).click();
    await visible(editor.getByRole('status').filter({ hasText: 'Saved' }));
    await admin.keyboard.press('Alt+1');
    await visible(admin.getByRole('log', { name: 'Messages' }).getByText('Where is my parcel?'));

    await shop.reload();
    await shop.getByRole('button', { name: 'Open chat' }).click();
    chat = await chatFrame(shop);
    await visible(chat.getByText('Operators can see what you type before you send it.'));
    expect(await chat.getByLabel('Message').getAttribute('aria-describedby')).toBe('peek');
    expect(await axeProblems(chat)).toEqual([]);

    await chat.getByLabel('Message').fill('My card is 4111 1111 1111 1111');
    const draft = admin.locator('.draft-line');
    await visible(draft.getByText('My card is [card number]'));
    expect(await admin.locator('body').textContent()).not.toContain('4111');
    expect(await axeProblems(admin)).toEqual([]);
    await admin.screenshot({ path: '/tmp/console-sneak-peek.png' });

    await chat.getByLabel('Message').fill('');
    await gone(draft);
    expect(pageErrors).toEqual([]);
  });
});
