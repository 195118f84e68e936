/**
 * Business hours and shifts in real Chromium: outside the team's hours the
 * widget offers its offline form and says when the team is back ("We’re
 * back at …", in the visitor's time), even with an operator online; the
 * hours opening (here: changed to include now) gives the message box back,
 * live. The console's Team overview says who is on shift now and who is
 * next.
 */
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { setInboxTeam } from '../support/inbox-team.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';
import { chatFrame, operatorOnline, serveShop } from '../support/widget-page.js';

let browser: Browser;
let s: TestServer;
const pageErrors: string[] = [];
beforeAll(async () => {
  browser = await launchBrowser();
  s = await startTestServer();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  expect(pageErrors).toEqual([]);
});

const visible = (l: Locator, timeout = 15_000) => l.waitFor({ state: 'visible', timeout });
const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
/** Every day, from `from` hours after this hour (UTC), for an hour: `from` 0 includes now. */
const everyDay = (from: number) => {
  const start = (new Date().getUTCHours() + from) % 24;
  return [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: hh(start), end: hh(start + 1) }));
};

describe('business hours and shifts', () => {
  it('outside hours the widget offers the offline form and says when the team is back; back in hours, the message box', async () => {
    const token = await login(s.url);
    const me = (await api<{ id: string }>(s.url, '/api/v1/auth/me', { token })).body;
    const team = (await api<{ id: string }>(s.url, '/api/v1/teams', { token, body: { name: 'Support', memberIds: [me.id] } })).body;
    const inbox = (await s.app.ctx.db.selectFrom('inboxes').select('id').executeTakeFirstOrThrow()).id;
    await setInboxTeam(s.app.ctx.db, inbox, team.id);
    const hours = await api<{ open: boolean; nextChangeAt: number }>(s.url, `/api/v1/teams/${team.id}/hours`, {
      method: 'PUT',
      token,
      body: { timeZone: 'UTC', weekly: everyDay(2), holidays: [] },
    });
    expect(hours.body.open).toBe(false);
    // An operator is online: only the hours keep the chat closed.
    const operator = await operatorOnline(s, token);

    const ctx = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1200, height: 900 } });
    await serveShop(ctx, s, 'hours.shop.test');
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto('http://hours.shop.test/');
    await page.getByRole('button', { name: 'Open chat' }).click();
    const chat = await chatFrame(page);
    const form = chat.getByRole('form', { name: 'Leave a message' });
    await visible(form);
    const opens = new Date(hours.body.nextChangeAt);
    const h12 = opens.getUTCHours() % 12 || 12;
    const day = opens.getUTCDate() === new Date().getUTCDate() ? '' : 'tomorrow ';
    await visible(
      form.getByText(new RegExp(`^We’re away right now\\. Leave a message and we’ll reply by email\\. We’re back ${day}at ${h12}:00\\s?[AP]M\\.$`)),
    );
    expect(await axeProblems(chat)).toEqual([]);
    await page.screenshot({ path: '/tmp/widget-outside-hours.png' });

    // The hours now include this hour: the widget hears it live, and the form gives way to the message box.
    await form.getByLabel('Message').fill('Is the Trail 2P in stock?');
    await api(s.url, `/api/v1/teams/${team.id}/hours`, { method: 'PUT', token, body: { timeZone: 'UTC', weekly: everyDay(0), holidays: [] } });
    await form.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await chat.locator('textarea').inputValue()).toBe('Is the Trail 2P in stock?');
    await ctx.close();
    operator.close();
  });

  it('an admin sets a team’s hours and an operator’s shifts in Settings; refused fields say why next to them', async () => {
    const token = await login(s.url);
    await api(s.url, '/api/v1/teams', { token, body: { name: 'Billing' } });
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/Paris' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${s.url}/console/#/settings`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const hours = page.getByRole('form', { name: 'Business hours of Billing' });
    await visible(hours);
    await visible(hours.getByText('No business hours: always open'));
    // The browser's zone to begin with, and a working week.
    expect(await hours.getByLabel('Time zone of Billing').inputValue()).toBe('Europe/Paris');
    await hours.getByLabel('Time zone of Billing').fill('Mars/Olympus');
    await hours.getByRole('button', { name: 'Save hours' }).click();
    await visible(hours.getByText('Mars/Olympus is not a time zone (use a name such as Europe/Paris)'));
    expect(await hours.getByLabel('Time zone of Billing').getAttribute('aria-invalid')).toBe('true');
    await hours.getByLabel('Time zone of Billing').fill('Europe/Paris');
    // A sixth interval on Monday overlaps the first.
    await hours.getByRole('button', { name: 'Add interval' }).click();
    await hours.getByLabel('Day of interval 6').selectOption({ label: 'Monday' });
    await hours.getByRole('button', { name: 'Save hours' }).click();
    await visible(hours.getByText('09:00–17:00 overlaps 09:00–17:00'));
    expect(await axeProblems(page)).toEqual([]);
    await hours.getByRole('button', { name: 'Remove interval 6' }).click();
    await hours.getByRole('button', { name: 'Add holiday' }).click();
    await hours.getByLabel('Date').fill('2027-12-25');
    await hours.getByLabel('Name').fill('Christmas');
    await hours.getByRole('button', { name: 'Save hours' }).click();
    await visible(hours.getByRole('status').filter({ hasText: /^(Open now, until|Closed now, back) .+ \(Europe\/Paris\)$/ }));
    await visible(hours.getByRole('button', { name: 'Remove hours (always open)' }));
    const saved = (await api<{ items: { id: string; name: string }[] }>(s.url, '/api/v1/teams', { token })).body.items.find((t) => t.name === 'Billing')!;
    const stored = await api<{ hours: { timeZone: string; weekly: unknown[]; holidays: unknown[] } }>(s.url, `/api/v1/teams/${saved.id}/hours`, { token });
    expect(stored.body.hours).toMatchObject({ timeZone: 'Europe/Paris', holidays: [{ date: '2027-12-25', name: 'Christmas' }] });
    expect(stored.body.hours.weekly).toHaveLength(5);

    // Shifts: choose the operator, give them a Saturday off.
    const shifts = page.getByRole('region', { name: 'Shifts' });
    await shifts.getByLabel('Operator').selectOption({ label: 'Admin' });
    const form = shifts.getByRole('form', { name: 'Shifts of Admin' });
    await visible(form.getByRole('status').filter({ hasText: 'No shifts: always on shift' }));
    await form.getByRole('button', { name: 'Add exception' }).click();
    await form.getByLabel('Date').fill('2027-01-09');
    await form.getByRole('button', { name: 'Save shifts' }).click();
    await visible(form.getByRole('status').filter({ hasText: /^(On shift, until|Off shift, next shift) .+ \(Europe\/Paris\)$/ }));
    await visible(form.getByRole('button', { name: 'Remove shifts (always on shift)' }));
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/hours-settings.png', fullPage: true });
    await ctx.close();
  });

  it('the Team overview says who is on shift now and who is next', async () => {
    const token = await login(s.url);
    const me = (await api<{ id: string; name: string }>(s.url, '/api/v1/auth/me', { token })).body;
    const later = (await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', { token, body: { email: 'omar@example.com', name: 'Omar Haddad' } }))
      .body.operator.id;
    await api(s.url, '/api/v1/teams', { token, body: { name: 'Sales', memberIds: [me.id, later] } });
    await api(s.url, `/api/v1/operators/${me.id}/shifts`, { method: 'PUT', token, body: { timeZone: 'UTC', weekly: everyDay(0) } });
    await api(s.url, `/api/v1/operators/${later}/shifts`, { method: 'PUT', token, body: { timeZone: 'UTC', weekly: everyDay(3) } });

    const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'en-GB' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(`${s.url}/console/`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await visible(page.getByRole('region', { name: 'Conversations' }));
    await page.getByRole('link', { name: 'Team', exact: true }).click();
    const overview = page.getByRole('region', { name: 'Team overview' });
    await visible(overview);
    const onShift = overview.getByRole('list', { name: 'On shift now in Sales' });
    await visible(onShift.getByText(`${me.name} · online`));
    await visible(overview.getByRole('list', { name: 'Next in Sales' }).getByText('Omar Haddad'));
    expect(await onShift.getByText('Omar Haddad').count()).toBe(0);

    // Omar's shift moved to now: the overview follows (a schedule frame), without a reload.
    await api(s.url, `/api/v1/operators/${later}/shifts`, { method: 'PUT', token, body: { timeZone: 'UTC', weekly: everyDay(0) } });
    await visible(onShift.getByText('Omar Haddad · offline'));
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/team-overview.png' });
    await ctx.close();
  });
});
