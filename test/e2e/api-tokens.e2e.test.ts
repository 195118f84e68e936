/**
 * Settings → API in real Chromium: an admin creates a token with two scopes,
 * sees it once with a copy button, a program uses it over HTTP within its
 * scopes (and is refused beyond them), the list shows when it was last used,
 * and the admin revokes it: the next call gets 401.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  s = await startTestServer();
  browser = await launchBrowser();
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await ctx.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('dialog', (d) => void d.accept());
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const visible = (l: Locator) => l.waitFor({ state: 'visible', timeout: 10_000 });
const section = () => page.getByRole('region', { name: 'API', exact: true });

async function call(token: string, path: string, body?: unknown) {
  const res = await fetch(`${s.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { error?: { code: string; details?: unknown } } };
}

it('an admin creates a token in Settings → API, sees it once, a program uses it, and the admin revokes it', async () => {
  await page.goto(`${s.url}/console/`);
  await page.getByLabel('Email').fill(s.admin.email);
  await page.getByLabel('Password').fill(s.admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await visible(section());
  await visible(section().getByText('No API tokens yet.'));

  await section().getByLabel('Token name').fill('CRM sync');
  await section().getByLabel('Contacts', { exact: true }).selectOption('read');
  await section().getByLabel('Conversations', { exact: true }).selectOption('write');
  await section().getByRole('button', { name: 'Create token' }).click();

  const shown = section().getByLabel('Token', { exact: true });
  await visible(shown);
  const token = await shown.inputValue();
  expect(token).toMatch(/^sb_[0-9A-Za-z]{43}$/);
  await visible(section().getByRole('button', { name: 'Copy token' }));
  const row = section().getByRole('row', { name: /CRM sync/ });
  await visible(row);
  expect(await row.textContent()).toContain('contacts:read, conversations:write');
  expect(await row.textContent()).toContain(token.slice(0, 11));
  expect(await row.textContent()).toContain('Never');
  expect(await axeProblems(page, { include: 'section[aria-labelledby="api-title"]' })).toEqual([]);

  // A program uses it: within its scopes, then beyond them.
  const read = await call(token, '/api/v1/contacts');
  expect(read.status).toBe(200);
  expect(read.headers.get('ratelimit')).toMatch(/^"token";r=\d+;t=\d+$/);
  const write = await call(token, '/api/v1/contacts', { name: 'Noor', email: 'noor@example.com' });
  expect(write.status).toBe(403);
  expect(write.body.error).toMatchObject({ code: 'insufficient_scope', details: { scope: 'contacts:write' } });

  // Shown once: after "Done" and a reload, only its first characters are on the page, and it was used.
  await section().getByRole('button', { name: 'Done, I copied it' }).click();
  await expect.poll(() => section().getByLabel('Token', { exact: true }).count()).toBe(0);
  await page.reload();
  await visible(section().getByRole('row', { name: /CRM sync/ }));
  expect(await page.content()).not.toContain(token);
  expect(
    await section()
      .getByRole('row', { name: /CRM sync/ })
      .textContent(),
  ).not.toContain('Never');

  await section().getByRole('button', { name: 'Revoke CRM sync' }).click();
  await visible(section().getByText('No API tokens yet.'));
  const after = await call(token, '/api/v1/contacts');
  expect(after.status).toBe(401);
  expect(after.body.error?.code).toBe('unauthorized');
  expect(pageErrors).toEqual([]);
});
