/**
 * Contacts in real Chromium: Settings → Contact attributes; the Contacts
 * page searched, filtered, sorted and paged; the contact beside a
 * conversation edited in place (a refused field said next to it, the inbox
 * showing the new name); a CSV import with a bad row reported, then its
 * valid rows imported with the progress bar; notes and a merge on a
 * contact's page, the merged one's page leading to the survivor; the CSV
 * exports downloaded. axe on each new screen.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
let owner: string;
let conversationId: string;
let mayaId: string;
const pageErrors: string[] = [];

const visible = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'visible', timeout });
const gone = (l: Locator, timeout = 10_000) => l.waitFor({ state: 'hidden', timeout });
/** What the page shows after a request or a frame: given time on a busy machine. */
const soon = { timeout: 10_000 };
const table = () => page.getByRole('table', { name: 'Contacts' });
const names = async () => (await table().getByRole('row').all()).length - 1;

beforeAll(async () => {
  s = await startTestServer();
  owner = await login(s.url);
  await api(s.url, '/api/v1/labels', { token: owner, body: { name: 'VIP', color: '#b42318' } });
  for (const body of [
    { key: 'plan', label: 'Plan', type: 'list', options: ['Free', 'Pro'] },
    { key: 'renewal', label: 'Renewal', type: 'date' },
    { key: 'beta', label: 'Beta tester', type: 'boolean' },
    { key: 'crm', label: 'CRM page', type: 'link' },
  ]) {
    await api(s.url, '/api/v1/contact-attributes', { token: owner, body });
  }
  // Enough contacts for a second page (30 a page).
  for (let i = 1; i <= 34; i++) {
    const r = await api(s.url, '/api/v1/contacts', {
      token: owner,
      body: {
        name: `Customer ${String(i).padStart(2, '0')}`,
        email: `customer${i}@example.com`,
        company: i % 2 ? 'Globex' : 'Initech',
        attributes: { plan: i % 3 ? 'Free' : 'Pro' },
      },
    });
    if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  }
  await api(s.url, '/api/v1/contacts', { token: owner, body: { name: 'Zoë Émile', email: 'zoe@example.com', company: 'Umbrella', phone: '+44 20 7946 0018' } });
  const v = await newVisitor(s.url, s.websiteKey);
  const vc = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
  await vc.waitFor('welcome');
  conversationId = (await vc.client.send({ body: 'Hello, I need help with my invoice' })).conversationId;
  vc.close();
  mayaId = (
    await api<{ contactId: string }>(s.url, '/api/v1/widget/identify', {
      token: v.visitorToken,
      headers: { 'x-website-key': s.websiteKey },
      body: { name: 'Maya Chen', email: 'maya@example.com' },
    })
  ).body.contactId;

  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', acceptDownloads: true });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await visible(page.getByRole('region', { name: 'Conversations' }));
});

afterAll(async () => {
  await browser?.close();
  await s?.close();
});

describe('Settings → Contact attributes', () => {
  it('creates, renames and reorders attributes, and is accessible', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Contact attributes' });
    await visible(section.getByRole('form', { name: 'Attribute Plan' }));
    const form = section.getByRole('form', { name: 'New contact attribute' });
    await form.getByLabel('Label').fill('Seats');
    expect(await form.getByLabel('Key').inputValue()).toBe('seats');
    await form.getByLabel('Key').fill('Seats!');
    await form.getByRole('button', { name: 'Create attribute' }).click();
    await expect.poll(() => form.getByLabel('Key').getAttribute('aria-invalid'), soon).toBe('true');
    expect(await form.textContent()).toContain('Use lower-case letters, digits and _, starting with a letter');
    await form.getByLabel('Key').fill('seats');
    await form.getByLabel('Type').selectOption({ label: 'Number' });
    await form.getByRole('button', { name: 'Create attribute' }).click();
    await visible(section.getByRole('form', { name: 'Attribute Seats' }));
    await section.getByRole('button', { name: 'Move Seats up' }).click();
    await expect
      .poll(async () => (await api<{ items: { key: string }[] }>(s.url, '/api/v1/contact-attributes', { token: owner })).body.items.map((a) => a.key))
      .toEqual(['plan', 'renewal', 'beta', 'seats', 'crm']);
    const renewal = section.getByRole('form', { name: 'Attribute Renewal' });
    await renewal.getByLabel('Label').fill('Renewal date');
    await renewal.getByRole('button', { name: 'Save' }).click();
    await visible(section.getByRole('form', { name: 'Attribute Renewal date' }));
    expect(await axeProblems(page, { include: '#contact-attributes-title' })).toEqual([]);
    expect(await axeProblems(page)).toEqual([]);
  });
});

describe('the Contacts page', () => {
  it('searches, filters, sorts and pages, and is accessible', async () => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await visible(table());
    await expect.poll(names, soon).toBe(30);
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(names, soon).toBe(36);
    await gone(page.getByRole('button', { name: 'Load more' }));

    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('zoe emile');
    await expect.poll(names, soon).toBe(1);
    await visible(table().getByRole('link', { name: 'Zoë Émile' }));
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('7946 0018');
    await expect.poll(names, soon).toBe(1);
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('customer');

    await page.getByLabel('Company').fill('initech');
    await page.getByLabel('Company').press('Tab');
    await expect.poll(names, soon).toBe(17);
    await page.getByLabel('Attribute').selectOption({ label: 'Plan' });
    await page.getByLabel('Value').selectOption('Pro');
    // Even numbers that are multiples of 3 up to 34: 6, 12, 18, 24, 30.
    await expect.poll(names, soon).toBe(5);
    await page.getByLabel('Sort by').selectOption({ label: 'Name' });
    await expect.poll(async () => (await table().getByRole('row').nth(1).textContent()) ?? '', soon).toContain('Customer 06');
    expect(await table().getByRole('row').nth(5).textContent()).toContain('Customer 30');
    expect(await axeProblems(page)).toEqual([]);
    await page.screenshot({ path: '/tmp/contacts-page.png' });
  });

  it('exports the filtered list as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export contacts' }).click()]);
    expect(download.suggestedFilename()).toBe('contacts.csv');
    const text = await (await download.createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString('utf8'));
    const rows = text.trim().split('\r\n');
    expect(rows).toHaveLength(6);
    expect(rows[1]).toContain('Customer 06');
  });
});

describe('the contact beside a conversation', () => {
  it('is edited in place, says what it refuses next to the field, and the inbox shows the new name', async () => {
    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    const panel = page.getByRole('complementary', { name: 'Visitor details' });
    const card = panel.getByRole('region', { name: 'Contact' });
    await visible(card.getByRole('button', { name: 'Edit contact' }));
    await card.getByRole('button', { name: 'Edit contact' }).click();
    const form = card.getByRole('form', { name: 'Edit Maya Chen' });
    await form.getByLabel('Email').fill('maya@');
    await form.getByLabel('Phone').fill('+33 6 12 34 56 78');
    await form.getByLabel('Plan').selectOption('Pro');
    await form.getByLabel('Renewal date').fill('2026-05-01');
    await form.getByLabel('Beta tester').check();
    await form.getByLabel('CRM page').fill('javascript:alert(1)');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.getByLabel('Email').getAttribute('aria-invalid'), soon).toBe('true');
    expect(await form.textContent()).toContain('Enter an email address such as name@example.com');
    expect(await axeProblems(page, { include: '.visitor-panel' })).toEqual([]);
    // The fields first, then the attribute values by their type.
    await form.getByLabel('Email').fill('maya.okafor@example.com');
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.getByLabel('CRM page').getAttribute('aria-invalid'), soon).toBe('true');
    expect(await form.textContent()).toContain('CRM page: Enter a full address starting with https:// (or http://)');
    await form.getByLabel('Name').fill('Maya Chen-Okafor');
    await form.getByLabel('CRM page').fill('https://crm.example.com/maya');
    await form.getByRole('button', { name: 'Save' }).click();
    await gone(form);
    await visible(card.getByRole('link', { name: 'https://crm.example.com/maya' }));
    expect(await card.getByRole('link', { name: 'https://crm.example.com/maya' }).getAttribute('rel')).toContain('noopener');
    expect(await card.textContent()).toContain('+33 6 12 34 56 78');
    expect(await card.textContent()).toContain('Yes');
    await visible(page.getByRole('region', { name: 'Conversations' }).getByText('Maya Chen-Okafor'));
    await card.getByRole('button', { name: 'Add label' }).click();
    await card.getByRole('group', { name: 'Contact labels' }).getByLabel('VIP').check();
    await visible(card.getByRole('button', { name: 'Remove label VIP' }));
    expect(await axeProblems(page, { include: '.visitor-panel' })).toEqual([]);
    await page.screenshot({ path: '/tmp/contact-card.png' });
  });
});

describe('CSV import', () => {
  it('reports a bad row before writing anything, then imports the valid rows with the progress bar', async () => {
    await page.goto(`${s.url}/console/#/contacts`);
    await page.getByRole('button', { name: 'Import contacts' }).click();
    const dialog = page.getByRole('dialog', { name: 'Import contacts' });
    const csv = [
      'Full name,Email,Plan,Tags',
      'Ada Lovelace,ada@example.org,Pro,VIP',
      'Bad Row,not-an-email,Gold,',
      'Grace Hopper,grace@example.org,Free,',
    ].join('\n');
    await dialog.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    const mapping = dialog.getByRole('table', { name: 'Columns' });
    await visible(mapping);
    expect(await dialog.getByLabel('Import Full name as').inputValue()).toBe('name');
    expect(await dialog.getByLabel('Import Tags as').inputValue()).toBe('labels');
    await visible(dialog.getByRole('table', { name: 'First rows' }).getByRole('cell', { name: 'Ada Lovelace' }));
    expect(await axeProblems(page, { include: 'dialog[open]' })).toEqual([]);
    await dialog.getByRole('button', { name: 'Check rows' }).click();
    const refused = dialog.getByRole('table', { name: 'Refused rows' });
    await visible(refused);
    const cells = await refused.getByRole('row').allTextContents();
    expect(cells).toContain('3EmailEnter an email address such as name@example.com');
    expect(cells).toContain('3PlanPlan: Choose one of: Free, Pro');
    expect(await dialog.getByRole('status').textContent()).toContain('2 of 3 rows can be imported');
    // Nothing written yet.
    expect((await api<{ items: unknown[] }>(s.url, '/api/v1/contacts?q=example.org', { token: owner })).body.items).toEqual([]);
    expect(await axeProblems(page, { include: 'dialog[open]' })).toEqual([]);
    await dialog.getByRole('button', { name: 'Import 2 valid rows' }).click();
    const progress = dialog.getByRole('progressbar', { name: 'Import progress' });
    await visible(progress);
    // The job starts within a second or so, then its frames move the bar.
    await expect
      .poll(() => dialog.getByRole('status').textContent(), { timeout: 15_000 })
      .toContain('Imported: 2 new contacts, 0 updated, 0 unchanged; 1 row refused.');
    expect(await progress.getAttribute('value')).toBe('3');
    expect(await progress.getAttribute('max')).toBe('3');
    expect(await axeProblems(page, { include: 'dialog[open]' })).toEqual([]);
    await page.screenshot({ path: '/tmp/contacts-import.png' });
    await dialog.getByRole('button', { name: 'Done' }).click();
    await gone(dialog);
    await page.getByRole('searchbox', { name: 'Search contacts' }).fill('example.org');
    await expect.poll(names, soon).toBe(2);
    await visible(table().getByRole('link', { name: 'Ada Lovelace' }));
  });
});

describe('a contact’s page', () => {
  it('takes notes, lists the conversations, merges another contact, and the merged one leads to the survivor', async () => {
    const other = (await api<{ id: string }>(s.url, '/api/v1/contacts', { token: owner, body: { name: 'M. Chen', company: 'Chen Design' } })).body.id;
    await page.goto(`${s.url}/console/#/contacts/${mayaId}`);
    await visible(page.getByRole('heading', { name: 'Maya Chen-Okafor', level: 1 }));
    // A change made elsewhere shows at once.
    await api(s.url, `/api/v1/contacts/${mayaId}`, { method: 'PATCH', token: owner, body: { company: 'Okafor & Chen' } });
    await visible(page.getByRole('region', { name: 'Details' }).getByText('Okafor & Chen'));
    await api(s.url, `/api/v1/contacts/${mayaId}`, { method: 'PATCH', token: owner, body: { company: null } });
    await gone(page.getByRole('region', { name: 'Details' }).getByText('Okafor & Chen'));
    const notes = page.getByRole('region', { name: 'Notes' });
    await notes.getByLabel('Note').fill('Prefers **email** to phone calls');
    await notes.getByRole('button', { name: 'Add note' }).click();
    await visible(notes.getByText('email', { exact: true }));
    const history = page.getByRole('region', { name: 'Conversations' });
    await visible(history.getByRole('link', { name: /invoice/ }));
    expect(await axeProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Merge contact' }).click();
    const dialog = page.getByRole('dialog', { name: 'Merge another contact into Maya Chen-Okafor' });
    await dialog.getByLabel('Find a contact').fill('chen design');
    await dialog.getByRole('button', { name: 'Choose M. Chen' }).click();
    expect(await axeProblems(page, { include: 'dialog[open]' })).toEqual([]);
    await dialog.getByRole('button', { name: 'Merge contacts' }).click();
    await gone(dialog);
    await visible(page.getByRole('region', { name: 'Details' }).getByText('Chen Design'));
    await page.screenshot({ path: '/tmp/contact-page.png' });

    await page.goto(`${s.url}/console/#/contacts/${other}`);
    await expect.poll(() => page.url(), soon).toContain(`#/contacts/${mayaId}`);
    await visible(page.getByRole('heading', { name: 'Maya Chen-Okafor', level: 1 }));
    await history.getByRole('link', { name: /invoice/ }).click();
    await expect.poll(() => page.url(), soon).toContain(`#/c/${conversationId}`);
  });
});

describe('the inbox', () => {
  it('exports the conversations of the view on screen', async () => {
    await page.goto(`${s.url}/console/#/inbox`);
    await page.getByRole('button', { name: 'All' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export conversations' }).click()]);
    expect(download.suggestedFilename()).toBe('conversations.csv');
    const text = await (await download.createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString('utf8'));
    expect(text).toContain(conversationId);
    expect(text).toContain('Maya Chen-Okafor');
    expect(pageErrors).toEqual([]);
  });
});
