/**
 * The supervision wall in real Chromium: a supervisor of Support sees a
 * visitor's negative message marked in the conversation list ("Mood:
 * negative, souring", not by colour alone), then on the Team page the wall
 * with Support's queue length and Ana's load, both following live when the
 * conversation is handed to Ana.
 */
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, type TestClient, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
const contexts: BrowserContext[] = [];
const clients: TestClient[] = [];
const pageErrors: string[] = [];
const password = 'lantern-orchard-basalt';

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of clients) c.close();
  for (const c of contexts) await c.close();
  await browser?.close();
  await s?.close();
  expect(pageErrors).toEqual([]);
});

const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });

async function signIn(email: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
  contexts.push(ctx);
  const page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('region', { name: 'Conversations' }));
  return page;
}

describe('the supervision wall', () => {
  it('shows a supervisor the queue and an operator’s load live, and a negative message’s mood in the list', async () => {
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
    const inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
    await api(s.url, `/api/v1/inboxes/${inboxId}`, { method: 'PATCH', token: admin, body: { defaultTeamId: team } });

    const page = await signIn('sue@example.com');
    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    clients.push(visitor);
    await visitor.waitFor('welcome');
    const { conversationId } = await visitor.client.send({ body: "This is the third time I'm asking, this is ridiculous" });

    // The list marks it with words, live once scored.
    const item = page.locator(`[data-conversation-id="${conversationId}"]`);
    await visible(item.getByText('Mood: negative, souring'));

    await page.getByRole('link', { name: 'Team', exact: true }).click();
    const wall = page.getByRole('region', { name: 'Supervision wall' });
    await visible(wall);
    const support = wall.getByRole('article', { name: 'Support' });
    await visible(support.locator('[data-queue-length]').getByText('1', { exact: true }));
    const load = support.getByRole('cell', { name: 'Load of Ana Alves' });
    await visible(load.getByText('0 / 3'));
    await visible(support.getByRole('list', { name: 'Needs a look in Support' }).getByText('Mood: negative, souring'));
    await visible(wall.getByLabel('Team'));
    expect(await axeProblems(page, { include: '.wall' })).toEqual([]);

    // Handed to Ana: the queue empties and her load goes up, without a reload.
    await api(s.url, `/api/v1/conversations/${conversationId}/assign`, { token: admin, body: { operatorId: ids.ana } });
    await visible(support.locator('[data-queue-length]').getByText('0', { exact: true }));
    await visible(load.getByText('1 / 3'));

    // In the conversation, each visitor message carries its own mark, and a new one's arrives live (a `moods` frame).
    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    const log = page.getByRole('log', { name: 'Messages' });
    await visible(log.getByRole('img', { name: /^Mood: negative \(\d+% sure\)$/ }));
    await visitor.client.send({ body: 'Oh great, thank you so much, that helped!', conversationId });
    await visible(log.getByRole('img', { name: /^Mood: positive \(\d+% sure\)$/ }));

    // In a phone-wide window the composer's tools wrap: Send stays on screen, and its dialogs open inside the window.
    await page.setViewportSize({ width: 390, height: 800 });
    const inside = async (box: { x: number; width: number } | null) => !!box && box.x >= 0 && box.x + box.width <= 390;
    expect(await inside(await page.getByRole('button', { name: 'Send' }).boundingBox())).toBe(true);
    for (const tool of ['Quick replies', 'Insert product']) {
      await page.getByRole('button', { name: tool }).click();
      const dialog = page.getByRole('dialog', { name: tool });
      await visible(dialog);
      expect(await inside(await dialog.boundingBox()), tool).toBe(true);
      await page.keyboard.press('Escape');
    }
  });
});
