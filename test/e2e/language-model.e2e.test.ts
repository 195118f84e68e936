/**
 * Settings → Language model in real Chromium: an admin saves a local
 * endpoint (private addresses allowed) with a key, sees "A key is stored"
 * and never the key, and tests the connection against the local fake server.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { type FakeLanguageModel, startFakeLanguageModel } from '../support/fake-language-model.js';
import { startTestServer, type TestServer } from '../support/server.js';

const KEY = 'sk-e2e-0123456789-not-for-the-page';
let s: TestServer;
let fake: FakeLanguageModel;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  fake = await startFakeLanguageModel();
  s = await startTestServer();
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await fake?.close();
});

describe('Settings → Language model', () => {
  it('saves an endpoint with a key, shows only that a key is stored, and tests the connection', async () => {
    await page.goto(`${s.url}/console/`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Language model' });
    await section.waitFor();
    expect(await section.getByRole('button', { name: 'Test connection' }).count()).toBe(0);

    await section.getByLabel('Endpoint URL').fill(fake.url);
    await section.getByLabel('Model', { exact: true }).fill('fake-model');
    await section.getByLabel('API key', { exact: true }).fill(KEY);
    await section.getByLabel('Allow private addresses').check();
    await section.getByRole('button', { name: 'Save' }).click();
    await section.getByText('A key is stored').waitFor();
    expect(await section.getByLabel('API key', { exact: true }).inputValue()).toBe('');
    expect(await page.content()).not.toContain(KEY);
    expect(fake.requests).toHaveLength(0);

    await section.getByRole('button', { name: 'Test connection' }).click();
    await section.getByText(/Connected: Answered with a citation/).waitFor();
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(await axeProblems(page, { include: 'section[aria-labelledby="language-model-title"]' })).toEqual([]);

    await section.getByRole('button', { name: 'Remove key' }).click();
    await section.getByText('A key is stored').waitFor({ state: 'detached' });
  });
});
