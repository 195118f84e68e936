/**
 * The knowledge base in real Chromium: an admin writes an article in
 * Settings → Knowledge base, watching the server's preview, publishes it,
 * and opens it on the public help centre; an article whose title and body try
 * to run script shows them as text there (no dialog opens), and both the
 * editor and the public page pass the accessibility check.
 */
import type { Browser, Dialog, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const dialogs: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // Confirmations of the console are accepted; any other dialog (alert, prompt) would be script an article ran.
  page.on('dialog', (d: Dialog) => {
    if (d.type() !== 'confirm') dialogs.push(`${d.type()}: ${d.message()}`);
    void d.accept();
  });
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });
const kb = () => page.getByRole('region', { name: 'Knowledge base', exact: true });
const editor = () => kb().getByRole('form', { name: 'Article' });

it('an admin writes an article with the preview, publishes it, and reads it on the help centre; a malicious title runs nothing', async () => {
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await visible(kb());

  const adding = kb().getByRole('form', { name: 'Add a category' });
  await adding.getByLabel('New category').fill('Orders');
  await adding.getByLabel('Slug').fill('orders');
  await adding.getByRole('button', { name: 'Create category' }).click();
  await visible(kb().getByRole('form', { name: 'Category Orders' }));

  await kb().getByRole('button', { name: 'New article' }).click();
  await visible(editor());
  await editor().getByLabel('Title').fill('Cancel an order');
  await editor().getByLabel('Slug').fill('cancel-an-order');
  await editor().getByLabel('Description').fill('Before it ships');
  await editor().getByLabel('Category').selectOption({ label: 'Orders' });
  await editor().getByLabel('Body (Markdown)').fill('## Steps\n\n1. Open **Orders**\n2. Choose *Cancel*\n\n<script>alert("preview")</script>');
  const preview = kb().getByRole('region', { name: 'Preview' });
  await visible(preview.getByRole('heading', { name: 'Steps', level: 2 }));
  expect(await preview.locator('strong').textContent()).toBe('Orders');
  expect(await preview.locator('script').count()).toBe(0);
  await visible(preview.getByText('<script>alert("preview")</script>'));
  expect(await axeProblems(page, { include: 'section[aria-labelledby="kb-title"]' })).toEqual([]);

  await editor().getByRole('button', { name: 'Publish' }).click();
  await visible(
    kb()
      .getByRole('status')
      .getByText(/Published · version 1/),
  );
  await visible(kb().getByRole('row', { name: /Cancel an order/ }));

  // A second save of the body is version 2; the history compares and restores.
  await editor().getByLabel('Body (Markdown)').fill('## Steps\n\nWrite to us.');
  await editor().getByRole('button', { name: 'Save draft' }).click();
  await visible(
    kb()
      .getByRole('status')
      .getByText(/version 2/),
  );
  await editor().getByRole('button', { name: 'History' }).click();
  await kb().getByRole('button', { name: 'Compare version 1 with the current one' }).click();
  const changes = kb().getByRole('region', { name: 'Changes from version 1 to version 2' });
  await visible(changes.locator('ins', { hasText: 'Write to us.' }));
  await visible(changes.locator('del', { hasText: 'Open **Orders**' }));
  await kb().getByRole('button', { name: 'Restore version 1' }).click();
  await visible(
    kb()
      .getByRole('status')
      .getByText(/version 3/),
  );
  expect(await editor().getByLabel('Body (Markdown)').inputValue()).toContain('Open **Orders**');

  // The public help centre, as a visitor sees it: no script needed, none run.
  await page.goto(`${s.url}/help`);
  await page.getByRole('link', { name: 'Cancel an order' }).click();
  await visible(page.getByRole('heading', { name: 'Cancel an order', level: 1 }));
  expect(await page.title()).toMatch(/^Cancel an order · /);
  await visible(page.getByRole('heading', { name: 'Steps', level: 2 }));
  expect(await axeProblems(page)).toEqual([]);

  // An article whose title, description and body try to run script.
  const evil = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  const token = (await (
    await fetch(`${s.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(s.admin) })
  ).json()) as {
    token: string;
  };
  const headers = { authorization: `Bearer ${token.token}`, 'content-type': 'application/json' };
  const created = (await (
    await fetch(`${s.url}/api/v1/articles`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ title: evil, slug: 'tricky', description: evil, body: `# ${evil}\n\n[click](javascript:alert(3)) ![x](javascript:alert(4))` }),
    })
  ).json()) as { id: string; url: string };
  await fetch(`${s.url}/api/v1/articles/${created.id}/publish`, { method: 'POST', headers, body: '{}' });
  await page.goto(`${s.url}${created.url}`);
  await visible(page.getByRole('heading', { name: evil, level: 1 }).first());
  expect(await page.locator('main h1').count()).toBe(2);
  expect(await page.locator('main img, main script, a[href^="javascript" i]').count()).toBe(0);
  await page.goto(`${s.url}/help`);
  await visible(page.getByRole('link', { name: evil }));
  await page.goto(`${s.url}/help/${created.url.split('/')[2]}/search?q=${encodeURIComponent(evil)}`);
  await visible(page.getByRole('status'));
  // The console's editor shows the same title as text too.
  await page.goto(`${s.url}/console/`);
  await page.getByRole('link', { name: 'Settings' }).click();
  await kb()
    .getByRole('button', { name: `Edit ${evil}` })
    .click();
  await visible(kb().getByRole('heading', { name: `Edit article: ${evil}` }));
  await visible(kb().getByRole('region', { name: 'Preview' }).getByRole('heading', { name: evil, level: 1 }));
  expect(dialogs).toEqual([]);
  expect(pageErrors).toEqual([]);
});
