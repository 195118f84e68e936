/**
 * The personal data of issue 12 follows the product's privacy rules, on every
 * storage backend, on one clock moved by hand:
 * - mails: the bodies of a mail sent or given up are cleared a week later
 *   (the row, its recipient and state, stays with its conversation); mails of
 *   no conversation go after 30 days; deleting a contact deletes the mails to
 *   its address and its reply addresses (a queued one is then never sent);
 * - tasks on a contact go with it; tracked events go with the visits (90 days)
 *   and with their visitor;
 * - webhook and bot deliveries go after 30 days, and never hold a secret
 *   (end to end, against a real HTTP target).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { BACKENDS, contextOn } from '../../../test/support/storage.js';
import { ManualClock } from '../src/clock.js';
import { createContact, deleteContact } from '../src/contact/contact.service.js';
import type { Context } from '../src/context.js';
import { startConversation } from '../src/conversation/start-conversation.js';
import type { DatabaseHandle } from '../src/db/database.js';
import { updateEmailState } from '../src/email/email.repository.js';
import type { EmailSettingsRow } from '../src/email/email-settings.js';
import { queueMail } from '../src/email/queue-mail.js';
import { handleSendJob } from '../src/email/send-job.js';
import { runMaintenance } from '../src/maintenance.js';
import { createTask } from '../src/task/task.service.js';
import { trackVisitorEvent } from '../src/visitor/visitor-event.service.js';
import { deleteOldVisits } from '../src/visitor/visit-retention.js';
import { startWidgetSession } from '../src/visitor/visitor.service.js';
import { createWorkspace, type NewWorkspace } from '../src/workspace/workspace.service.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe.each(BACKENDS.filter((b) => b.fastPath || b.name === 'postgres'))('mails, tasks and events on $name', (backend) => {
  const tag = backend.name.replace(/\W+/g, '-');
  const clock = new ManualClock(Date.UTC(2026, 6, 1, 9));
  let handle: DatabaseHandle;
  let cleanup: () => Promise<void>;
  let dir: string;
  let ctx: Context;
  let ws: NewWorkspace;
  let settings: EmailSettingsRow;

  beforeAll(async () => {
    ({ handle, cleanup } = await backend.open());
    dir = mkdtempSync(join(tmpdir(), 'sb-privacy-'));
    ({ ctx } = await contextOn(handle, dir, backend.fastPath, clock));
    handleSendJob(ctx);
    ws = await createWorkspace(ctx, { name: 'P', ownerEmail: `p-${tag}@x.test`, ownerName: 'Pat', ownerPassword: 'password-p', inboxName: 'Web' });
    // Not configured (no SMTP host): a send job that finds its mail marks it failed.
    settings = {
      workspace_id: ws.workspaceId,
      smtp_host: null,
      smtp_port: null,
      smtp_security: 'starttls',
      smtp_user: null,
      smtp_password: null,
      from_address: 'help@shop.test',
      from_name: 'Shop',
      reply_domain: 'reply.shop.test',
      unseen_delay_minutes: 10,
      updated_at: clock.now(),
    };
  });
  afterAll(async () => {
    await ctx.writer.close();
    await handle.close();
    await cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  async function conversation(): Promise<{ id: string; inboxId: string; visitorId: string }> {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    const id = (await startConversation(ctx.db, { workspaceId: ws.workspaceId, inboxId: visitor.inboxId, visitorId: visitor.id, now: ctx.now() })).id;
    return { id, inboxId: visitor.inboxId, visitorId: visitor.id };
  }

  const mail = (id: string) => ctx.db.selectFrom('email_messages').selectAll().where('id', '=', id).executeTakeFirst();

  it('clears a mail’s bodies a week after it was sent or given up, keeps its row with the conversation, and deletes mails of no conversation after 30 days', async () => {
    const c = await conversation();
    const text = 'Your parcel 4411 leaves today, Mrs Lind';
    const queue = (to: string, conv = true) =>
      queueMail(ctx, ctx.db, {
        workspaceId: ws.workspaceId,
        settings,
        to,
        text,
        html: `<p>${text}</p>`,
        purpose: conv ? 'reply' : 'notification',
        conversation: conv ? { id: c.id, inboxId: c.inboxId } : undefined,
        subject: conv ? undefined : 'You were mentioned',
      });
    const first = await queue('lind@example.com');
    const sent = await queue('lind@example.com');
    const failed = await queue('lind@example.com');
    const stillQueued = await queue('lind@example.com');
    const notified = await queue('pat@x.test', false);
    const notQueuedYet = await queue('pat@x.test', false);
    expect((await mail(sent.id))?.references_ids).toBe(first.headerMessageId);
    const t0 = clock.now();
    for (const m of [first, sent, notified]) await updateEmailState(ctx.db, m.id, { state: 'sent', error: null, attempts: 1, now: t0 });
    await updateEmailState(ctx.db, failed.id, { state: 'failed', error: '550 No such user', attempts: 1, now: t0 + DAY });

    // A week after it was sent: kept to the millisecond, then cleared.
    expect(await runMaintenance(ctx, t0 + 7 * DAY)).toMatchObject({ mailBodies: 0, mails: 0 });
    expect(await mail(sent.id)).toMatchObject({ body_text: text, body_html: `<p>${text}</p>` });
    expect(await runMaintenance(ctx, t0 + 7 * DAY + 1)).toMatchObject({ mailBodies: 3, mails: 0 });
    expect(await mail(sent.id)).toMatchObject({
      body_text: null,
      body_html: null,
      references_ids: null,
      state: 'sent',
      recipient: 'lind@example.com',
      conversation_id: c.id,
    });
    // Given up a day later: cleared a day later; a mail still queued keeps what it will send.
    expect(await mail(failed.id)).toMatchObject({ body_text: text });
    expect(await runMaintenance(ctx, t0 + 8 * DAY + 1)).toMatchObject({ mailBodies: 1 });
    expect(await mail(failed.id)).toMatchObject({ body_text: null, body_html: null, state: 'failed', error: '550 No such user' });
    expect(await runMaintenance(ctx, t0 + 400 * DAY)).toMatchObject({ mailBodies: 0 });
    expect(await mail(stillQueued.id)).toMatchObject({ state: 'queued', body_text: text });

    // The conversation's mails stay as long as its messages (Switchboard keeps them); a notification goes after 30 days, unless still queued.
    const conversationMails = await ctx.db.selectFrom('email_messages').select('id').where('conversation_id', '=', c.id).execute();
    expect(conversationMails).toHaveLength(4);
    expect(await mail(notified.id)).toBeUndefined();
    expect(await mail(notQueuedYet.id)).toMatchObject({ state: 'queued' });
  });

  it('deletes the mails to a deleted contact’s address and its reply addresses; its queued mail is never sent; its tasks go too', async () => {
    const contact = await createContact(ctx, ws.owner, { name: 'Ella Erase', email: 'Ella@Example.com' });
    // A transcript asked for another conversation, to her address; and a mail to someone else.
    const c = await conversation();
    const props = {
      workspaceId: ws.workspaceId,
      settings,
      text: 'Transcript',
      html: '<p>Transcript</p>',
      purpose: 'transcript' as const,
      conversation: { id: c.id, inboxId: c.inboxId },
    };
    const toElla = await queueMail(ctx, ctx.db, { ...props, to: 'ella@example.com' });
    const queuedToElla = await queueMail(ctx, ctx.db, { ...props, to: 'ELLA@example.com ' });
    const toOther = await queueMail(ctx, ctx.db, { ...props, to: 'otto@example.com' });
    await updateEmailState(ctx.db, toElla.id, { state: 'sent', error: null, attempts: 1, now: clock.now() });
    const threads = async () =>
      (await ctx.db.selectFrom('email_threads').select('email').where('conversation_id', '=', c.id).orderBy('email').execute()).map((r) => r.email);
    expect(await threads()).toEqual(['ella@example.com', 'otto@example.com']);
    const task = await createTask(ctx, ws.owner, { contactId: contact.id, title: 'Call Ella back', dueAt: clock.now() + HOUR });
    expect(await ctx.jobs.get(`task.due:${task.id}`)).toMatchObject({ status: 'pending' });

    await deleteContact(ctx, ws.owner, contact.id);
    expect(await mail(toElla.id)).toBeUndefined();
    expect(await mail(queuedToElla.id)).toBeUndefined();
    expect(await mail(toOther.id)).toMatchObject({ recipient: 'otto@example.com' });
    expect(await threads()).toEqual(['otto@example.com']);
    expect(await ctx.db.selectFrom('tasks').select('id').where('id', '=', task.id).executeTakeFirst()).toBeUndefined();
    expect(await ctx.jobs.get(`task.due:${task.id}`)).toMatchObject({ status: 'cancelled' });

    // Her send job runs, finds no mail and ends; the other one runs as usual (failed: no SMTP here).
    await ctx.jobs.runDue();
    expect(await ctx.jobs.get(`email.send:${queuedToElla.id}`)).toMatchObject({ status: 'done' });
    expect(await mail(queuedToElla.id)).toBeUndefined();
    expect(await mail(toOther.id)).toMatchObject({ state: 'failed' });
  });

  it('deletes a visitor’s tracked events with the visits, 90 days after', async () => {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    const t0 = clock.now();
    await trackVisitorEvent(ctx, { visitor, event: { name: 'signed up', data: { plan: 'pro', email: 'vera@example.com' } } });
    const events = () => ctx.db.selectFrom('visitor_events').select('name').where('visitor_id', '=', visitor.id).execute();
    await deleteOldVisits(ctx, t0 + 90 * DAY);
    expect(await events()).toHaveLength(1);
    await deleteOldVisits(ctx, t0 + 90 * DAY + 1);
    expect(await events()).toHaveLength(0);
  });

  it('deletes a visitor’s tracked events, visits and pages with the visitor (the schema cascades)', async () => {
    const { visitor } = await startWidgetSession(ctx, { websiteKey: ws.inbox.websiteKey });
    await trackVisitorEvent(ctx, { visitor, event: { name: 'added to cart', data: { value: 42 } } });
    expect(await ctx.db.selectFrom('visitor_events').select('id').where('visitor_id', '=', visitor.id).execute()).toHaveLength(1);
    await ctx.db.deleteFrom('visitors').where('id', '=', visitor.id).execute();
    expect(await ctx.db.selectFrom('visitor_events').select('id').where('visitor_id', '=', visitor.id).execute()).toHaveLength(0);
  });

  it.runIf(backend.name === 'sqlite')('finds what the sweeps and the contact deletion forget through an index', async () => {
    const plan = async (query: string) =>
      (await sql.raw<{ detail: string }>(`explain query plan ${query}`).execute(ctx.db)).rows.map((r) => r.detail).join(' | ');
    const cutoff = clock.now();
    expect(await plan(`select id from webhook_deliveries where created_at < ${cutoff} limit 2000`)).toMatch(
      /USING (COVERING )?INDEX webhook_deliveries_created/,
    );
    expect(await plan(`select id from email_messages where body_text is not null and updated_at < ${cutoff} and state != 'queued' limit 2000`)).toMatch(
      /USING INDEX email_messages_body_kept/,
    );
    expect(await plan(`select id from email_messages where conversation_id is null and created_at < ${cutoff} and state != 'queued' limit 2000`)).toMatch(
      /USING INDEX email_messages_conversation/,
    );
    expect(await plan(`delete from email_messages where workspace_id = 'w' and recipient = 'a@b.c'`)).toMatch(
      /USING (COVERING )?INDEX email_messages_recipient/,
    );
    expect(await plan(`delete from email_threads where workspace_id = 'w' and email = 'a@b.c'`)).toMatch(/USING (COVERING )?INDEX email_threads_email/);
  });
});

describe('webhook and bot deliveries', () => {
  const clock = new ManualClock(Date.now());
  let s: TestServer;
  let admin: string;
  let target: Server;
  let targetUrl: string;
  const received: { path: string; body: string }[] = [];
  const open: TestClient[] = [];

  beforeAll(async () => {
    s = await startTestServer({ deps: { clock } });
    admin = await login(s.url);
    target = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ path: req.url ?? '/', body });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((r) => target.listen(0, '127.0.0.1', r));
    targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}`;
    expect((await api(s.url, '/api/v1/webhook-settings', { method: 'PUT', token: admin, body: { allowPrivateTargets: true } })).status).toBe(200);
  });
  afterAll(async () => {
    for (const c of open) c.close();
    await s?.close();
    await new Promise<void>((r) => target.close(() => r()));
  });

  async function until(cond: () => Promise<boolean>, what: string): Promise<void> {
    const end = Date.now() + 10_000;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setImmediate(r));
    }
  }

  it('keeps a delivery (to an endpoint or a bot) 30 days, never with the secret, then the hourly sweep deletes it and its attempts', async () => {
    const db = s.app.ctx.db;
    const ep = await api<{ endpoint: { id: string }; secret: string }>(s.url, '/api/v1/webhooks', {
      token: admin,
      body: { url: `${targetUrl}/hook`, eventTypes: ['contact.created'] },
    });
    expect(ep.status).toBe(201);
    const inboxId = (await api<{ items: { id: string }[] }>(s.url, '/api/v1/inboxes', { token: admin })).body.items[0]!.id;
    const bot = await api<{ bot: { id: string }; token: string; secret: string }>(s.url, '/api/v1/bots', {
      token: admin,
      body: { inboxId, name: 'Parcel Bot', webhookUrl: `${targetUrl}/bot` },
    });
    expect(bot.status, JSON.stringify(bot.body)).toBe(201);
    const botEndpoint = await db.selectFrom('webhook_endpoints').select(['id', 'secret']).where('bot_id', '=', bot.body.bot.id).executeTakeFirstOrThrow();
    expect(botEndpoint.secret).toBe(bot.body.secret);

    const t0 = clock.now();
    await api(s.url, '/api/v1/contacts', { token: admin, body: { name: 'Dora Delivery', email: 'dora@example.com' } });
    const v = await newVisitor(s.url, s.websiteKey);
    const client = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
    open.push(client);
    await client.waitFor('welcome');
    await client.client.send({ body: 'My address is 12 Elm Street' });
    await until(async () => {
      await s.app.ctx.jobs.runDue();
      return received.some((r) => r.path === '/hook') && received.some((r) => r.path === '/bot' && r.body.includes('12 Elm Street'));
    }, 'the endpoint and the bot to get their events');

    const endpoints = [ep.body.endpoint.id, botEndpoint.id];
    const rows = async () => ({
      deliveries: await db.selectFrom('webhook_deliveries').selectAll().where('endpoint_id', 'in', endpoints).execute(),
      attempts: await db.selectFrom('webhook_attempts').selectAll().where('endpoint_id', 'in', endpoints).execute(),
    });
    await until(async () => (await rows()).attempts.length >= 2, 'the attempts to be logged');
    const logged = await rows();
    expect(new Set(logged.deliveries.map((d) => d.endpoint_id))).toEqual(new Set(endpoints));
    expect(logged.deliveries.find((d) => d.endpoint_id === botEndpoint.id)?.payload).toContain('12 Elm Street');
    // What the log keeps (also through the API) never holds a secret, nor the bot's token.
    const everything = JSON.stringify(logged) + JSON.stringify((await api(s.url, `/api/v1/webhooks/${ep.body.endpoint.id}/deliveries`, { token: admin })).body);
    for (const secret of [ep.body.secret, bot.body.secret, bot.body.token]) {
      expect(everything).not.toContain(secret);
      expect(everything).not.toContain(secret.replace(/^whsec_/, ''));
    }

    // Made at t0 (or just after): kept 30 days to the millisecond, then deleted with their attempts.
    const first = Math.min(...logged.deliveries.map((d) => Number(d.created_at)));
    expect(first).toBeGreaterThanOrEqual(t0);
    expect(await runMaintenance(s.app.ctx, first + 30 * DAY)).toMatchObject({ webhookDeliveries: 0 });
    expect((await rows()).deliveries).toHaveLength(logged.deliveries.length);
    // The hourly sweep itself does it once the clock passes 30 days (set, not stepped through every timer of a month).
    clock.set(first + 30 * DAY + HOUR);
    await until(async () => {
      await s.app.ctx.jobs.runDue();
      const left = await rows();
      return left.deliveries.length === 0 && left.attempts.length === 0;
    }, 'the hourly sweep to delete the old deliveries');
  });
});
