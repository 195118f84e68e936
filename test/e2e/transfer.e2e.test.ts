/**
 * Transfer and supervision in real Chromium: an admin transfers a chat to an
 * operator with a handoff note, which the operator finds at the top of the
 * conversation; a supervisor whispers to her and takes the chat over. The
 * visitor's widget shows who joined, never the handoff note or the whisper.
 * axe on each new piece of the console.
 */
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
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
let sam: Page;
let chat: Frame;
const pageErrors: string[] = [];
const BEA = { email: 'bea@example.com', password: 'lantern-orchard-basalt' };
const SAM = { email: 'sam@example.com', password: 'lantern-orchard-basalt' };

const visible = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'visible', timeout });
const gone = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'hidden', timeout });

async function consoleOf(email: string, password: string, before?: (ctx: BrowserContext) => Promise<unknown>): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
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

const openFromList = async (page: Page, text: string) => {
  await page.getByRole('button', { name: 'All' }).click();
  await page.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: text }).first().click();
  await visible(page.getByRole('log', { name: 'Messages' }).getByText(text));
};

beforeAll(async () => {
  s = await startTestServer();
  const token = await login(s.url);
  await api(s.url, '/api/v1/operators', { token, body: { ...BEA, name: 'Bea Bauer' } });
  await api(s.url, '/api/v1/operators', { token, body: { ...SAM, name: 'Sam Supervisor', role: 'supervisor' } });
  team = await operatorOnline(s, token);
  browser = await launchBrowser();
  const visitor = await browser.newContext({ viewport: { width: 1200, height: 800 } });
  const shop = await visitor.newPage();
  await shop.goto(`${s.url}/`);
  await shop.getByRole('button', { name: 'Open chat' }).click();
  chat = await chatFrame(shop);
  await chat.getByLabel('Message').fill('I was charged twice');
  await chat.getByRole('button', { name: 'Send' }).click();
  await chat.locator('.msg.mine:not(.pending)').waitFor();
  admin = await consoleOf(s.admin.email, s.admin.password);
  bea = await consoleOf(BEA.email, BEA.password);
  sam = await consoleOf(SAM.email, SAM.password);
});
afterAll(async () => {
  team?.close();
  await browser?.close();
  await s?.close();
});

describe('transfer and supervision', () => {
  it('transfers with a handoff note the receiver sees on top; a supervisor whispers and takes over; the widget sees neither note', async () => {
    await openFromList(admin, 'I was charged twice');
    await admin.getByRole('button', { name: 'Transfer' }).click();
    const dialog = admin.getByRole('group', { name: 'Transfer to' });
    await visible(dialog);
    await dialog.getByLabel('Transfer to').selectOption({ label: 'Bea Bauer' });
    await dialog.getByLabel('Handoff note').fill('Refund approved by finance, ticket 5521');
    expect(await axeProblems(admin)).toEqual([]);
    await dialog.getByRole('button', { name: 'Transfer conversation' }).click();
    await visible(admin.getByRole('log', { name: 'Messages' }).getByText('Transferred to Bea Bauer by Admin'));

    // Bea finds it on top, with the note, until she dismisses it.
    await openFromList(bea, 'I was charged twice');
    const banner = bea.getByRole('region', { name: 'Handoff note' });
    await visible(banner.getByText('Refund approved by finance, ticket 5521'));
    expect(await axeProblems(bea)).toEqual([]);
    await visible(bea.getByRole('note', { name: 'Handoff note by Admin' }));

    // The supervisor monitors, whispers to Bea, and takes over.
    await openFromList(sam, 'I was charged twice');
    await sam.getByRole('button', { name: 'Monitor' }).click();
    expect(await sam.getByRole('button', { name: 'Monitor' }).getAttribute('aria-pressed')).toBe('true');
    await sam.getByRole('button', { name: 'Whisper' }).click();
    const whisper = sam.getByRole('group', { name: 'Whisper to the assigned operator' });
    await whisper.getByLabel('Whisper').fill('Offer the 20% voucher too');
    expect(await axeProblems(sam)).toEqual([]);
    await whisper.getByRole('button', { name: 'Send whisper' }).click();
    await visible(bea.getByRole('note', { name: 'Whisper by Sam Supervisor' }).getByText('Offer the 20% voucher too'));
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await gone(banner);

    await sam.getByRole('button', { name: 'Take over' }).click();
    await visible(bea.getByRole('log', { name: 'Messages' }).getByText('Taken over by Sam Supervisor'));
    await visible(sam.getByText('Assigned to you'));

    // The visitor meets whoever joined; the handoff note and the whisper never reach the widget.
    await visible(chat.getByText('Sam Supervisor joined the chat'));
    await visible(chat.getByText('Bea Bauer joined the chat'));
    const text = (await chat.locator('body').textContent()) ?? '';
    expect(text).not.toContain('Refund approved');
    expect(text).not.toContain('voucher');
    expect(text).not.toContain('Transferred');
    expect(pageErrors).toEqual([]);
  });

  it('escalates with a reason to the Tier 2 team and shows it in the escalation history', async () => {
    const token = await login(s.url);
    const tier2 = await api<{ id: string }>(s.url, '/api/v1/teams', { token, body: { name: 'Tier 2' } });
    await api(s.url, '/api/v1/escalation-settings', { method: 'PUT', token, body: { tier2TeamId: tier2.body.id } });
    await admin.getByRole('button', { name: 'Escalate' }).click();
    const form = admin.getByRole('group', { name: 'Escalate' });
    await form.getByLabel('Reason').fill('Threatens a chargeback');
    expect(await axeProblems(admin)).toEqual([]);
    await form.getByRole('button', { name: 'Escalate conversation' }).click();
    await visible(admin.getByRole('log', { name: 'Messages' }).getByText('Escalated to Tier 2 by Admin'));
    await admin.getByRole('button', { name: 'Escalation history' }).click();
    const history = admin.getByRole('group', { name: 'Escalation history' });
    await visible(history.getByText('Threatens a chargeback'));
    expect(await axeProblems(admin)).toEqual([]);
    expect((await chat.locator('body').textContent()) ?? '').not.toContain('chargeback');
    expect(pageErrors).toEqual([]);
  });
});
