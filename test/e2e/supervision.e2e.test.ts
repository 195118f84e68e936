/**
 * Supervision in real Chromium, end to end: the server runs on a ManualClock
 * the test moves (the pages' clocks follow). A visitor writes from the widget
 * under a 10-minute first response policy (warning at 80%) and the chat goes
 * to Ana. On the Team page the supervisor's wall does not list it; at 8
 * minutes it turns up under "Needs a look" as "Near breach: 2 min left",
 * without a reload. The supervisor opens it, whispers to Ana and takes over:
 * Ana sees the whisper in the conversation, the visitor never sees it (nor
 * any note), only who joined.
 */
import type { Browser, BrowserContext, Frame, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../packages/server/src/clock.js';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import type { TestClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, operatorOnline } from '../support/widget-page.js';

const MIN = 60_000;
const QUESTION = 'Which sizes does the blue jacket come in?';
const WHISPER = 'Offer the matching scarf at half price';
const password = 'lantern-orchard-basalt';
const clock = new ManualClock(Date.now());
let s: TestServer;
let browser: Browser;
let online: TestClient | undefined;
const contexts: BrowserContext[] = [];
const pages: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  browser = await launchBrowser();
});
afterAll(async () => {
  online?.close();
  for (const c of contexts) await c.close();
  await browser?.close();
  await s?.close();
  expect(pageErrors).toEqual([]);
});

const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });

async function newPage(): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.clock.setFixedTime(clock.now());
  pages.push(page);
  return page;
}

async function signIn(email: string): Promise<Page> {
  const page = await newPage();
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('region', { name: 'Conversations' }));
  return page;
}

/**
 * Moves every page's clock, then the server's, and runs the jobs that fell due. The pages' clocks go first: the
 * server's job runner may run a due job before this does, and what that makes a page draw is drawn at the new time.
 */
async function passTime(ms: number): Promise<void> {
  const to = clock.now() + ms;
  for (const p of pages) await p.clock.setFixedTime(to);
  await clock.advance(ms);
  await s.app.ctx.jobs.runDue();
}

const widgetText = async (chat: Frame) => (await chat.locator('body').textContent()) ?? '';

describe('supervising a conversation near an SLA breach', () => {
  it('shows it on the wall at near breach live; the supervisor whispers and takes over; the visitor sees neither', async () => {
    const admin = await login(s.url);
    const ids: Record<string, string> = {};
    for (const [key, email, name, role] of [
      ['ana', 'ana@example.com', 'Ana Alves', 'operator'],
      ['sue', 'sue@example.com', 'Sue Supervisor', 'supervisor'],
    ] as const) {
      ids[key] = (
        await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token: admin, body: { email, name, password, role } })
      ).body.operator.id;
    }
    const team = (await api<{ id: string }>(s.url, '/api/v1/teams', { token: admin, body: { name: 'Support', memberIds: [ids.ana!, ids.sue!] } })).body.id;
    const policy = await api<{ id: string }>(s.url, '/api/v1/sla-policies', {
      token: admin,
      body: { name: 'Gold', firstResponseSeconds: 600, warnPercent: 80 },
    });
    expect(policy.status).toBeLessThan(300);
    const put = await api(s.url, `/api/v1/teams/${team}/sla-policy`, { method: 'PUT', token: admin, body: { policyId: policy.body.id } });
    expect(put.status).toBeLessThan(300);
    const inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { defaultTeamId: team } });
    online = await operatorOnline(s, admin);

    // The visitor writes from the widget on the shop.
    const shop = await newPage();
    await shop.goto(`${s.url}/`);
    await shop.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(shop);
    await chat.getByLabel('Message').fill(QUESTION);
    await chat.getByRole('button', { name: 'Send' }).click();
    await chat.locator('.msg.mine:not(.pending)').waitFor();

    const list = await api<{ items: { id: string }[] }>(s.url, '/api/v1/conversations', { token: admin });
    const conversationId = list.body.items[0]!.id;
    const assigned = await api(s.url, `/api/v1/conversations/${conversationId}/assign`, { token: admin, body: { operatorId: ids.ana } });
    expect(assigned.status).toBeLessThan(300);

    // Ana has it open.
    const ana = await signIn('ana@example.com');
    await ana.getByRole('button', { name: 'All' }).click();
    await ana.locator(`[data-conversation-id="${conversationId}"]`).click();
    await visible(ana.getByRole('log', { name: 'Messages' }).getByText(QUESTION));

    // The supervisor's wall: nothing needs a look yet.
    const sue = await signIn('sue@example.com');
    await sue.getByRole('link', { name: 'Team', exact: true }).click();
    const wall = sue.getByRole('region', { name: 'Supervision wall' });
    const support = wall.getByRole('article', { name: 'Support' });
    await visible(support.getByRole('cell', { name: 'Load of Ana Alves' }).getByText('1 / 3'));
    await visible(support.getByText('Nothing near a breach or souring'));
    const needsALook = support.getByRole('list', { name: 'Needs a look in Support' });
    expect(await needsALook.count()).toBe(0);

    // Eight minutes on: past the warning, the wall lists it as near breach, live.
    await passTime(8 * MIN);
    const entry = needsALook.getByRole('listitem').filter({ has: sue.locator(`a[href*="${conversationId}"]`) });
    await visible(entry.getByText('Near breach: 2 min left'));
    expect(await axeProblems(sue, { include: '.wall' })).toEqual([]);

    // The supervisor opens it and whispers to Ana.
    await entry.getByRole('link').click();
    await visible(sue.getByRole('log', { name: 'Messages' }).getByText(QUESTION));
    await sue.getByRole('button', { name: 'Whisper' }).click();
    const whisper = sue.getByRole('group', { name: 'Whisper to the assigned operator' });
    await whisper.getByLabel('Whisper').fill(WHISPER);
    expect(await axeProblems(sue)).toEqual([]);
    await whisper.getByRole('button', { name: 'Send whisper' }).click();
    await visible(ana.getByRole('note', { name: 'Whisper by Sue Supervisor' }).getByText(WHISPER));

    // And takes over.
    await sue.getByRole('button', { name: 'Take over' }).click();
    await visible(sue.getByText('Assigned to you'));
    await visible(ana.getByRole('log', { name: 'Messages' }).getByText('Taken over by Sue Supervisor'));

    // The visitor sees who joined, never the whisper nor any note.
    await expect.poll(() => widgetText(chat)).toContain('Sue Supervisor joined the chat');
    const text = await widgetText(chat);
    expect(text).not.toContain(WHISPER);
    expect(text).not.toContain('scarf');
    expect(text).not.toContain('Whisper');
    expect(text).not.toContain('Taken over');
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
