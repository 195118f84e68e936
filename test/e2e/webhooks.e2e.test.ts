/**
 * Settings → Webhooks in real Chromium: an admin allows private targets (the
 * target runs on this machine), adds an endpoint with its events, sees the
 * secret once, reads the delivery log with the target's answer, and resends.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeProblems } from '../support/axe.js';
import { launchBrowser } from '../support/browser.js';
import { newVisitor, visitorClient } from '../support/clients.js';
import { api, login, startTestServer, type TestServer } from '../support/server.js';

let s: TestServer;
let browser: Browser;
let page: Page;
let target: Server;
let targetUrl: string;
const received: { path: string; headers: Record<string, string>; body: string }[] = [];

beforeAll(async () => {
  s = await startTestServer();
  target = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ path: req.url ?? '/', headers: req.headers as Record<string, string>, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`received #${received.filter((r) => r.path === req.url).length}`);
    });
  });
  await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/hook`;
  browser = await launchBrowser();
  page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
  await new Promise<void>((r) => target.close(() => r()));
});

const hook = () => received.filter((r) => r.path === '/hook');

describe('Settings → Webhooks', () => {
  it('adds an endpoint, shows its delivery log with the answer, and resends', async () => {
    await page.goto(`${s.url}/console/`);
    await page.getByLabel('Email').fill(s.admin.email);
    await page.getByLabel('Password').fill(s.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Webhooks' });
    await section.waitFor();
    await section.getByText('No endpoints yet.').waitFor();

    await section.getByLabel('Allow webhooks to private addresses').check();
    await expect
      .poll(async () => (await api<{ allowPrivateTargets: boolean }>(s.url, '/api/v1/webhook-settings', { token: await login(s.url) })).body)
      .toEqual({
        allowPrivateTargets: true,
      });
    const form = page.getByRole('form', { name: 'Add endpoint' });
    await form.getByLabel('Endpoint URL').fill(targetUrl);
    await form.getByLabel('Description').fill('Our CRM');
    await form.getByLabel('contact.created').check();
    await form.getByRole('button', { name: 'Add endpoint' }).click();
    await form.getByText('it is shown only this once').waitFor();
    const secret = await form.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    const endpoint = section.getByRole('listitem', { name: `Endpoint ${targetUrl}` });
    await endpoint.getByText('Our CRM').waitFor();
    expect(await axeProblems(page)).toEqual([]);

    // An event: the target gets it, signed with the secret shown.
    const token = await login(s.url);
    expect((await api(s.url, '/api/v1/contacts', { token, body: { name: 'Wanda Webhook' } })).status).toBe(201);
    await expect.poll(() => hook().length, { timeout: 15_000 }).toBe(1);
    const first = hook()[0]!;
    expect(new Webhook(secret).verify(first.body, first.headers)).toMatchObject({ type: 'contact.created', data: { contact: { name: 'Wanda Webhook' } } });

    await endpoint.getByRole('button', { name: 'Delivery log' }).click();
    const log = page.getByRole('region', { name: `Delivery log of ${targetUrl}` });
    await expect
      .poll(
        async () => {
          await log.getByRole('button', { name: 'Refresh log' }).click();
          return log.textContent();
        },
        { timeout: 15_000 },
      )
      .toContain('Delivered');
    await log.getByText('contact.created').click();
    await log.getByText('received #1').waitFor();
    expect(await log.textContent()).toContain('HTTP 200');

    await log.getByRole('button', { name: 'Resend' }).click();
    await expect.poll(() => hook().length, { timeout: 15_000 }).toBe(2);
    expect(hook()[1]!.headers['webhook-id']).toBe(first.headers['webhook-id']);
    await expect
      .poll(
        async () => {
          await log.getByRole('button', { name: 'Refresh log' }).click();
          return log.textContent();
        },
        { timeout: 15_000 },
      )
      .toContain('2 attempts');
    await log.getByText('contact.created').click();
    await log.getByText('received #2').waitFor();
    expect(await axeProblems(page)).toEqual([]);
  });

  it('registers a bot with its token shown once; its answer shows as the bot in the console', async () => {
    const section = page.getByRole('region', { name: 'Agent bots' });
    const form = section.getByRole('form', { name: 'Register bot' });
    await form.getByLabel('Bot name').fill('Parcel Bot');
    await form.getByLabel('Bot webhook URL').fill(targetUrl.replace('/hook', '/bot'));
    await form.getByRole('button', { name: 'Register bot' }).click();
    const botToken = await form.getByLabel('Bot token').inputValue();
    expect(botToken).toMatch(/^sbb_/);
    await section.getByRole('listitem', { name: 'Bot Parcel Bot' }).waitFor();

    const v = await newVisitor(s.url, s.websiteKey);
    const c = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    await c.waitFor('welcome');
    const { conversationId } = await c.client.send({ body: 'Where is my order?' });
    c.close();
    await expect.poll(() => received.filter((r) => r.path === '/bot').length, { timeout: 15_000 }).toBe(2);
    await section.getByRole('button', { name: 'Delivery log' }).click();
    const log = section.getByRole('region', { name: /^Delivery log of/ });
    await expect
      .poll(
        async () => {
          await log.getByRole('button', { name: 'Refresh log' }).click();
          return log.textContent();
        },
        { timeout: 15_000 },
      )
      .toContain('message.created');
    expect(await log.getByRole('button', { name: 'Resend' }).count()).toBe(0);

    const reply = await api(s.url, `/api/v1/bot/conversations/${conversationId}/messages`, { token: botToken, body: { body: 'It ships today.' } });
    expect(reply.status).toBe(201);
    await page.goto(`${s.url}/console/#/c/${conversationId}`);
    const message = page.locator('.msg', { hasText: 'It ships today.' });
    await message.waitFor();
    expect(await message.locator('.msg-author').textContent()).toBe('Parcel Bot (bot)');
    // The inbox list says who wrote last.
    await page.getByRole('region', { name: 'Conversations' }).getByText('Parcel Bot (bot): ').waitFor();
  });
});
