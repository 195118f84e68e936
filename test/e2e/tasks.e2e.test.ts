/**
 * Tasks in real Chromium: the server runs on a ManualClock the test moves,
 * and the page's clock is set to the same time. An operator adds "Follow up
 * on Friday" on a conversation (its side panel), finds it in Tasks, gets the
 * reminder (a notice, and the count on the Tasks nav item) when its time
 * comes, and marks it done. On a contact's page, a task for a team mate is
 * added (a missing title refused in words) and listed there.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../packages/server/src/clock.js';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, type TestClient, visitorClient } from '../support/clients.js';
import { ADMIN, api, login, startTestServer, type TestServer } from '../support/server.js';

const MIN = 60_000;
const clock = new ManualClock(Date.now());
let s: TestServer;
let browser: Browser;
const clients: TestClient[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer({ deps: { clock } });
  browser = await launchBrowser();
});
afterAll(async () => {
  for (const c of clients) c.close();
  await browser?.close();
  await s?.close();
  expect(pageErrors).toEqual([]);
});

const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });

/** The page's clock first, then the server's: a job the server's runner takes at once makes the page draw at the new time. */
async function passTime(page: Page, ms: number): Promise<void> {
  await page.clock.setFixedTime(clock.now() + ms);
  await clock.advance(ms);
  await s.app.ctx.jobs.runDue();
}

/** A time as a datetime-local value in UTC (the page's time zone here). */
const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);

describe('tasks in the console', () => {
  it('adds a task on a conversation, lists it in Tasks, reminds when it is due, and marks it done', async () => {
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.clock.setFixedTime(clock.now());
    await page.goto(`${s.url}/console/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('region', { name: 'Conversations' }));

    const v = await newVisitor(s.url, s.websiteKey);
    const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    clients.push(visitor);
    await visitor.waitFor('welcome');
    await visitor.client.send({ body: 'Can someone call me back on Friday?' });

    const item = page.getByRole('region', { name: 'Conversations' }).getByRole('link').filter({ hasText: 'Can someone call me back on Friday?' });
    await visible(item);
    await item.click();

    // Add task, in the conversation's side panel: title, due time, assignee (me).
    const panel = page.getByRole('complementary', { name: 'Visitor details' });
    const tasks = panel.getByRole('region', { name: 'Tasks' });
    await visible(tasks.getByText('No open tasks.'));
    await tasks.getByRole('button', { name: 'Add task' }).click();
    await tasks.getByLabel('Task').fill('Follow up on Friday');
    const dueAt = Math.ceil((clock.now() + 2 * 60 * MIN) / MIN) * MIN;
    await tasks.getByLabel('Due').fill(utcInput(dueAt));
    expect(await tasks.getByLabel('Assignee').locator('option:checked').textContent()).toBe('Admin (me)');
    expect(await axeProblems(page)).toEqual([]);
    await tasks.getByRole('button', { name: 'Save task' }).click();
    const inPanel = tasks.getByRole('listitem').filter({ hasText: 'Follow up on Friday' });
    await visible(inPanel);
    await visible(inPanel.getByRole('button', { name: 'Done' }));

    // Tasks: mine, not overdue yet, with a link back to the conversation; no count on the nav item.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await nav.getByRole('link', { name: 'Tasks' }).click();
    const tasksPage = page.getByRole('main', { name: 'Tasks' });
    const row = tasksPage.getByRole('listitem').filter({ hasText: 'Follow up on Friday' });
    await visible(row);
    await visible(row.getByRole('link', { name: 'Open conversation' }));
    expect(await tasksPage.getByRole('region', { name: 'Overdue' }).count()).toBe(0);
    expect(await nav.getByText('1 due').count()).toBe(0);

    // Its time comes: the reminder, the count on Tasks, and the task moves to Overdue.
    await passTime(page, 2 * 60 * MIN + MIN);
    const reminders = page.getByRole('region', { name: 'Task reminders' });
    await visible(reminders.getByText('Task due: Follow up on Friday'));
    await visible(nav.getByRole('link', { name: 'Tasks 1 due' }));
    const overdue = tasksPage.getByRole('region', { name: 'Overdue' });
    await visible(overdue.getByRole('listitem').filter({ hasText: 'Follow up on Friday' }));
    expect(await axeProblems(page)).toEqual([]);

    // Done: it leaves my list, and the count goes.
    await overdue.getByRole('listitem').filter({ hasText: 'Follow up on Friday' }).getByRole('button', { name: 'Done' }).click();
    await visible(tasksPage.getByText('Nothing to follow up.'));
    await visible(nav.getByRole('link', { name: 'Tasks', exact: true }));
    await tasksPage.getByRole('button', { name: 'Done tasks' }).click();
    const done = tasksPage.getByRole('listitem').filter({ hasText: 'Follow up on Friday' });
    await visible(done.getByRole('button', { name: 'Reopen' }));
    await ctx.close();
  }, 60_000);

  it('adds a task on a contact’s page, for a team mate, and lists it there', async () => {
    const token = await login(s.url);
    await api(s.url, '/api/v1/operators', { token, body: { email: 'bea@example.com', name: 'Bea Bauer', password: 'lantern-orchard-basalt' } });
    const contact = await api<{ id: string }>(s.url, '/api/v1/contacts', { token, body: { name: 'Dana Doe', email: 'dana@example.com' } });
    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB', timezoneId: 'UTC' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.clock.setFixedTime(clock.now());
    await page.goto(`${s.url}/console/`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('region', { name: 'Conversations' }));
    await page.goto(`${s.url}/console/#/contacts/${contact.body.id}`);

    const tasks = page.getByRole('main', { name: 'Contact Dana Doe' }).getByRole('region', { name: 'Tasks' });
    await tasks.getByRole('button', { name: 'Add task' }).click();
    await tasks.getByLabel('Task').fill('Send Dana the quote');
    await tasks.getByLabel('Due').fill(utcInput(clock.now() + 3 * 24 * 60 * MIN));
    await tasks.getByLabel('Assignee').selectOption({ label: 'Bea Bauer' });
    // Nothing without a title: the field says so.
    await tasks.getByLabel('Task').fill('');
    await tasks.getByRole('button', { name: 'Save task' }).click();
    await visible(tasks.getByText('Give the task a title'));
    await tasks.getByLabel('Task').fill('Send Dana the quote');
    await tasks.getByRole('button', { name: 'Save task' }).click();
    const item = tasks.getByRole('listitem').filter({ hasText: 'Send Dana the quote' });
    await visible(item.getByText('for Bea Bauer'));
    expect(await axeProblems(page)).toEqual([]);
    const stored = await api<{ items: { title: string; assignee: { name: string }; contactId: string }[] }>(
      s.url,
      `/api/v1/tasks?view=all&contactId=${contact.body.id}`,
      { token },
    );
    expect(stored.body.items).toMatchObject([{ title: 'Send Dana the quote', assignee: { name: 'Bea Bauer' }, contactId: contact.body.id }]);
    await ctx.close();
  }, 60_000);
});
