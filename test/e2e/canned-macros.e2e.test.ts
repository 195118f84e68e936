/**
 * Canned responses and macros in real Chromium: an operator types /ret, picks
 * a canned response and the visitor (a protocol client) receives it with
 * their name filled in; an unknown variable holds the reply back; the
 * settings screens (teams, canned responses, macros) are accessible and show
 * refused fields next to them; a macro that fails halfway says which action
 * failed and what was done; the / list runs macros too.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, type TestClient, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
let admin: Page;
let ana: Page;
let owner: string;
let visitor: TestClient;
let conversationId: string;
const pageErrors: string[] = [];

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });
const ANA = { email: 'ana-e2e@example.com', password: 'lantern-orchard-basalt' };

async function signIn(p: Page, creds: { email: string; password: string }) {
  await p.goto(`${s.url}/console/#/c/${conversationId}`);
  await p.getByLabel('Email').fill(creds.email);
  await p.getByLabel('Password').fill(creds.password);
  await p.getByRole('button', { name: 'Sign in' }).click();
  await visible(p.getByRole('log', { name: 'Messages' }).getByText('Can I return my tent?'));
}

beforeAll(async () => {
  s = await startTestServer();
  owner = await login(s.url);
  await api(s.url, '/api/v1/operators', { token: owner, body: { ...ANA, name: 'Ana Lima' } });
  for (const body of [
    { shortcut: 'returns', title: 'Returns are free', body: 'Hi {{contact.first_name | there}}, returns are free within **30 days**.', scope: 'workspace' },
    { shortcut: 'order', title: 'Order status', body: 'Your order {{order.number}} ships today.', scope: 'workspace' },
  ]) {
    const r = await api(s.url, '/api/v1/canned-responses', { token: owner, body });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  }
  const v = await newVisitor(s.url, s.websiteKey);
  await api(s.url, '/api/v1/widget/identify', { token: v.visitorToken, headers: { 'x-website-key': s.websiteKey }, body: { name: 'Maya Chen' } });
  visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await visitor.waitFor('welcome');
  conversationId = (await visitor.client.send({ body: 'Can I return my tent?' })).conversationId;
  visitor.client.subscribe(conversationId);

  browser = await launchBrowser();
  admin = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  ana = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  for (const p of [admin, ana]) {
    p.on('pageerror', (e) => pageErrors.push(e.message));
    p.on('dialog', (d) => void d.accept());
  }
});

afterAll(async () => {
  visitor?.close();
  await browser?.close();
  await s?.close();
});

describe('canned responses in the reply box', () => {
  const list = () => admin.getByRole('listbox', { name: 'Canned responses' });
  const reply = () => admin.getByLabel('Reply');

  it('an operator types /ret, picks a canned response, the visitor receives it with their name filled in', async () => {
    await signIn(admin, s.admin);
    await reply().click();
    await reply().pressSequentially('/ret');
    await visible(list().getByRole('option', { name: /\/returns/ }));
    expect(await list().getByRole('option').first().getAttribute('aria-selected')).toBe('true');
    expect(await reply().getAttribute('aria-activedescendant')).toBe(await list().getByRole('option').first().getAttribute('id'));
    expect(await axeProblems(admin)).toEqual([]);
    await admin.screenshot({ path: '/tmp/canned-picker.png' });
    await reply().press('Enter');
    await expect.poll(() => reply().inputValue()).toBe('Hi Maya, returns are free within **30 days**.');
    expect(await list().count()).toBe(0);
    await reply().press('Enter');
    const received = await visitor.waitFor('message', (f) => f.message.author.kind === 'operator');
    expect(received.message.body).toBe('Hi Maya, returns are free within **30 days**.');
    await visible(admin.getByRole('log', { name: 'Messages' }).getByText('30 days'));
  });

  it('moves with the arrow keys, closes with Esc, and finds a shortcut through a typo in the title', async () => {
    await reply().pressSequentially('/stauts');
    await visible(list().getByRole('option', { name: /Order status/ }));
    await reply().press('Escape');
    await list().waitFor({ state: 'detached' });
    expect(await reply().inputValue()).toBe('/stauts');
    // Esc left the reply box where it was: the text is still being written.
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.id)).toMatch(/^reply-/);
    await reply().fill('');
    await reply().pressSequentially('/r');
    const options = list().getByRole('option');
    await visible(options.first());
    await reply().press('ArrowDown');
    await reply().press('ArrowUp');
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await reply().press('Escape');
    await reply().fill('');
  });

  it('shows an unknown variable next to the reply and does not send it', async () => {
    await reply().pressSequentially('/order');
    await visible(list().getByRole('option', { name: /\/order/ }));
    await reply().press('Enter');
    const notice = admin.getByRole('status').filter({ hasText: 'Fill in before sending' });
    await visible(notice);
    expect(await notice.textContent()).toContain('{{order.number}} is not a variable');
    expect(await admin.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    const before = visitor.messages(conversationId).length;
    await reply().press('Enter');
    await reply().fill('Your order A-1042 ships today.');
    await notice.waitFor({ state: 'detached' });
    await admin.getByRole('button', { name: 'Send' }).click();
    await visitor.waitFor('message', (f) => f.message.body === 'Your order A-1042 ships today.');
    expect(visitor.messages(conversationId).some((m) => m.body.includes('{{'))).toBe(false);
    expect(visitor.messages(conversationId).length).toBe(before + 1);
  });
});

describe('settings', () => {
  it('are accessible, and a refused field says why next to it', async () => {
    await admin.getByRole('link', { name: 'Settings' }).click();
    await visible(admin.getByRole('heading', { name: 'Teams' }));
    await visible(admin.getByRole('heading', { name: 'Canned responses' }));
    await visible(admin.getByRole('cell', { name: '/returns', exact: true }));
    await admin.getByLabel('New team name').fill('Billing');
    await admin.getByRole('button', { name: 'Create team' }).click();
    await visible(admin.getByRole('heading', { name: 'Team Billing' }));
    await admin.getByLabel('Add a member to Billing').selectOption({ label: 'Ana Lima' });
    await admin.getByRole('button', { name: 'Add to team' }).click();
    await visible(admin.getByRole('button', { name: 'Remove Ana Lima from Billing' }));

    await admin.getByRole('button', { name: 'New canned response' }).click();
    const form = admin.getByRole('form', { name: 'New canned response' });
    await form.getByLabel('Shortcut').fill('has space');
    await form.getByLabel('Title').fill('Bad one');
    await form.getByLabel('Text').fill('Hello');
    await form.getByRole('button', { name: 'Create canned response' }).click();
    const shortcut = form.getByLabel('Shortcut');
    await expect.poll(() => shortcut.getAttribute('aria-invalid')).toBe('true');
    expect(await form.textContent()).toContain('Use letters, digits, - and _ only, with no spaces');
    await shortcut.fill('returns');
    await form.getByRole('button', { name: 'Create canned response' }).click();
    await expect.poll(async () => form.textContent()).toContain('/returns is taken by “Returns are free”');
    await form.getByRole('button', { name: 'Cancel' }).click();
    expect(await axeProblems(admin)).toEqual([]);
  });

  it('builds a workspace macro from its actions', async () => {
    await admin.getByRole('button', { name: 'New macro' }).click();
    const form = admin.getByRole('form', { name: 'New macro' });
    await form.getByLabel('Macro name').fill('Escalate');
    await form.getByLabel('Who can run it').selectOption('workspace');
    for (const kind of ['Set the status', 'Assign', 'Send a message']) {
      await form.getByLabel('Add an action').selectOption({ label: kind });
      await form.getByRole('button', { name: 'Add action' }).click();
    }
    await form.getByRole('listitem', { name: '1. Set the status' }).getByLabel('Status').selectOption('pending');
    await form.getByRole('listitem', { name: '2. Assign' }).getByLabel('Assign to').selectOption({ label: 'Admin' });
    // An empty message is refused next to its field.
    await form.getByRole('button', { name: 'Create macro' }).click();
    const message = form.getByRole('listitem', { name: '3. Send a message' }).getByLabel('Message');
    await expect.poll(() => message.getAttribute('aria-invalid')).toBe('true');
    expect(await form.textContent()).toContain('Write the message to send');
    await message.fill('{{operator.first_name}} has passed this on to a colleague.');
    expect(await axeProblems(admin)).toEqual([]);
    await admin.screenshot({ path: '/tmp/macro-editor.png', fullPage: true });
    await form.getByRole('button', { name: 'Create macro' }).click();
    await visible(admin.getByRole('cell', { name: 'Escalate', exact: true }));
    expect(await admin.getByRole('row', { name: /Escalate/ }).textContent()).toContain('Mark as pending, then Assign to Admin, then Send');
  });
});

describe('macros in a conversation', () => {
  it('a macro that fails halfway says which action failed and what was done', async () => {
    await signIn(ana, ANA);
    await ana.getByRole('button', { name: 'Run macro' }).click();
    const menu = ana.getByRole('menu', { name: 'Macros' });
    await visible(menu.getByRole('menuitem', { name: 'Escalate' }));
    await expect.poll(() => ana.evaluate(() => document.activeElement?.textContent)).toBe('Escalate');
    expect(await axeProblems(ana)).toEqual([]);
    await ana.keyboard.press('Enter');
    const report = ana.getByRole('alert').filter({ hasText: '“Escalate” stopped at action 2 of 3 (Assign)' });
    await visible(report);
    await ana.screenshot({ path: '/tmp/macro-failed.png' });
    expect(await report.textContent()).toContain('You are not allowed to do this. Done before it: Marked as pending by Ana Lima.');
    await visible(ana.getByRole('log', { name: 'Messages' }).getByText('Marked as pending by Ana Lima'));
    // The third action never ran: nothing reached the visitor.
    expect(visitor.messages(conversationId).some((m) => m.body.includes('passed this on'))).toBe(false);
    await report.getByRole('button', { name: 'Dismiss' }).click();
  });

  it('the / list offers macros as a group of their own, and choosing one runs it', async () => {
    const token = await login(s.url, ANA);
    const r = await api(s.url, '/api/v1/macros', { token, body: { name: 'Reopen and greet', actions: [{ kind: 'set_status', input: { status: 'open' } }] } });
    expect(r.status).toBe(201);
    const reply = ana.getByLabel('Reply');
    await reply.click();
    await reply.pressSequentially('/greet');
    const group = ana.getByRole('listbox', { name: 'Canned responses' }).getByRole('group', { name: 'Macros' });
    await visible(group.getByRole('option', { name: /Reopen and greet/ }));
    await reply.press('Enter');
    await visible(ana.getByRole('status').filter({ hasText: '“Reopen and greet” done: Reopened by Ana Lima.' }));
    expect(await reply.inputValue()).toBe('');
  });

  it('gives an operator Settings with their canned responses and macros, and the workspace’s to use but not change', async () => {
    await ana.getByRole('link', { name: 'Settings' }).click();
    await visible(ana.getByRole('heading', { name: 'Canned responses' }));
    await visible(ana.getByRole('heading', { name: 'Macros' }));
    expect(await ana.getByRole('heading', { name: 'Teams' }).count()).toBe(0);
    await visible(ana.getByRole('cell', { name: '/returns', exact: true }));
    expect(await ana.getByRole('button', { name: 'Edit /returns' }).count()).toBe(0);
    await visible(ana.getByRole('button', { name: 'Edit Reopen and greet' }));
    expect(await ana.getByRole('button', { name: 'Edit Escalate' }).count()).toBe(0);
    expect(await axeProblems(ana)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
