/**
 * Send later in real Chromium, across a crash: an operator writes a reply and
 * picks "Schedule" → "In one hour"; it is listed as scheduled in the
 * conversation (another one is cancelled with "Cancel scheduled message"),
 * the visitor gets nothing yet. The server is killed (SIGKILL) and started
 * again an hour and a bit "later" (its clock runs ahead: a test-only setting);
 * the scheduled message, a durable job, then reaches the visitor once, the
 * console shows it once, and the cancelled one never goes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageDto } from '@switchboard/protocol';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, type TestClient, visitorClient } from '../support/clients.js';
import { freePort, spawnServer, type ServerProcess } from '../support/process.js';
import { api, login } from '../support/server.js';

const dir = mkdtempSync(join(tmpdir(), 'sb-send-later-'));
const password = 'send-later-test-password';
const env = { DATA_DIR: dir, SWITCHBOARD_ADMIN_PASSWORD: password };
let port: number;
let server: ServerProcess;
let browser: Browser;
let page: Page;
let visitor: TestClient;

beforeAll(async () => {
  port = await freePort();
  server = await spawnServer(env, port);
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' })).newPage();
});
afterAll(async () => {
  visitor?.close();
  await browser?.close();
  await server?.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const messages = () => page.getByRole('log', { name: 'Messages' });
const scheduled = () => page.getByRole('region', { name: 'Scheduled messages' });
const visible = (l: ReturnType<Page['getByText']>) => l.waitFor({ state: 'visible', timeout: 15_000 });
const REPLY = 'Your refund went out this morning';

describe('a scheduled message', () => {
  it('is listed until it goes, survives a SIGKILL, and reaches the visitor once', async () => {
    const token = await login(server.url, { email: 'admin@example.com', password });
    const inbox = (await api<{ items: { websiteKey: string }[] }>(server.url, '/api/v1/inboxes', { token })).body.items[0]!;
    const v = await newVisitor(server.url, inbox.websiteKey);
    visitor = visitorClient(server.wsUrl, inbox.websiteKey, v.visitorToken);
    await visitor.waitFor('welcome');
    const ack = await visitor.client.send({ body: 'Where is my refund?' });
    visitor.client.subscribe(ack.conversationId, 0);

    await page.goto(`${server.url}/console/`);
    await page.getByLabel('Email').fill('admin@example.com');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto(`${server.url}/console/#/c/${ack.conversationId}`);
    await visible(messages().getByText('Where is my refund?'));

    const schedule = async (text: string) => {
      await page.getByLabel('Reply', { exact: true }).fill(text);
      await page.getByRole('button', { name: 'Schedule', exact: true }).click();
      await page
        .getByRole('group', { name: 'Send later' })
        .getByRole('button', { name: /^In one hour/ })
        .click();
      await visible(scheduled().getByText(text));
    };
    await schedule(REPLY);
    expect(await page.getByLabel('Reply', { exact: true }).inputValue()).toBe('');
    await schedule('This one is cancelled');
    await expect.poll(() => scheduled().getByRole('listitem').count()).toBe(2);
    await visible(
      scheduled()
        .getByText(/^Scheduled for /)
        .first(),
    );
    expect(await axeProblems(page)).toEqual([]);
    await scheduled().getByRole('listitem').filter({ hasText: 'This one is cancelled' }).getByRole('button', { name: 'Cancel scheduled message' }).click();
    await expect.poll(() => scheduled().getByRole('listitem').count(), { timeout: 5000 }).toBe(1);
    // Nothing of it reached the visitor.
    expect(visitor.frames.some((f) => JSON.stringify(f).includes(REPLY))).toBe(false);

    await server.kill('SIGKILL');
    server = await spawnServer({ ...env, SWITCHBOARD_TEST_CLOCK_OFFSET_MS: String(3600_000 + 120_000) }, port);

    // The visitor's connection comes back by itself and hears it once.
    await visitor.waitFor('message', (f) => f.message.body === REPLY, 30_000);
    await visible(messages().getByText(REPLY));
    await expect.poll(() => scheduled().count(), { timeout: 10_000 }).toBe(0);
    const history = (await api<{ messages: MessageDto[] }>(server.url, `/api/v1/conversations/${ack.conversationId}/messages`, { token })).body.messages;
    expect(history.filter((m) => m.body === REPLY)).toHaveLength(1);
    expect(history.map((m) => m.body)).not.toContain('This one is cancelled');
    expect(visitor.frames.filter((f) => f.type === 'message' && f.message.body === REPLY)).toHaveLength(1);
    expect(await messages().getByText(REPLY).count()).toBe(1);
  });
});
