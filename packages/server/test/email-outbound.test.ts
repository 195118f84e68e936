/**
 * Outgoing email against a real SMTP server (smtp-server in this process, on
 * a free port), what it receives parsed with mailparser: an offline visitor's
 * answer arrives as a threaded multipart mail with the conversation's reply
 * address; in an email inbox (a mail posted by the relay) the reply answers
 * the customer's mail and their answer by mail lands in the same conversation;
 * a refused recipient (550) fails at once with the server's reason,
 * a 451 is tried again after the backoff (the ManualClock moves); replies the
 * visitor has not seen go by mail after the workspace's delay; notices reach
 * only the operators who asked for them; transcripts by mail; the settings
 * never give the password back and refuse bad input. On SQLite, and on
 * PostgreSQL when it is reachable.
 */
import type { MessageDto } from '@switchboard/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient, visitorClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { addressesOf, type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.js';
import { createPgSchema, hasPostgres, PG_URL } from '../../../test/support/services.js';
import { ManualClock } from '../src/clock.js';
import { findThread, threadTokenOf } from '../src/email/email-thread.js';

const MINUTE = 60_000;
let clock: ManualClock;
let s: TestServer;
let sink: SmtpSink;
let admin: string;
let bea: string;
let beaId: string;
const clients: TestClient[] = [];

let pg: { schema: string; drop: () => Promise<void> } | null;
const STORES = [{ name: 'SQLite', pg: false }, ...(hasPostgres ? [{ name: 'PostgreSQL', pg: true }] : [])];

interface EmailItem {
  state: string;
  error: string | null;
  purpose: string;
  recipient: string;
  headerMessageId: string;
  attempts: number;
  messageId: string | null;
}
const emails = async (id: string) => (await api<{ items: EmailItem[] }>(s.url, `/api/v1/conversations/${id}/emails`, { token: admin })).body.items;
const history = async (id: string) => (await api<{ messages: MessageDto[] }>(s.url, `/api/v1/conversations/${id}/messages`, { token: admin })).body.messages;
const reply = (id: string, body: string, token = admin) =>
  api<{ message: MessageDto }>(s.url, `/api/v1/conversations/${id}/messages`, { token, body: { body } });

/** Runs the due jobs until the condition holds (the reply's mail is queued after its commit, off the send path). */
async function settle(cond: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await s.app.ctx.jobs.runDue();
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function offlineConversation(email: string, message = 'Can you call me back tomorrow?') {
  const v = await newVisitor(s.url, s.websiteKey);
  const r = await api<{ conversation: { id: string } }>(s.url, '/api/v1/widget/offline-message', {
    headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
    body: { clientId: `offline-${email}`, name: 'Maya Chen', email, message },
  });
  expect(r.status).toBe(201);
  return { ...v, id: r.body.conversation.id };
}

function following(token: string, conversationId: string): Promise<TestClient> {
  const c = operatorClient(s.wsUrl, token);
  clients.push(c);
  return c.waitFor('welcome').then(async () => {
    c.client.subscribe(conversationId);
    await c.waitFor('synced', (f) => f.conversationId === conversationId);
    return c;
  });
}

describe.each(STORES)('outgoing email on $name', (store) => {
  beforeAll(async () => {
    clock = new ManualClock(Date.now());
    pg = store.pg ? await createPgSchema() : null;
    sink = await startSmtpSink();
    s = await startTestServer({ deps: { clock }, env: pg ? { DATABASE_URL: PG_URL, DATABASE_SCHEMA: pg.schema } : {} });
    admin = await login(s.url);
    const made = await api<{ operator: { id: string } }>(s.url, '/api/v1/operators', {
      token: admin,
      body: { email: 'bea@example.com', name: 'Bea Bauer', password: 'lantern-orchard-basalt' },
    });
    beaId = made.body.operator.id;
    bea = await login(s.url, { email: 'bea@example.com', password: 'lantern-orchard-basalt' });
    sink.auth = { user: 'switchboard', pass: 'smtp-pass-Kq83' };
    const r = await api(s.url, '/api/v1/email/settings', {
      method: 'PATCH',
      token: admin,
      body: {
        smtpHost: '127.0.0.1',
        smtpPort: sink.port,
        smtpSecurity: 'none',
        smtpUser: 'switchboard',
        smtpPassword: 'smtp-pass-Kq83',
        fromAddress: 'support@shop.test',
        fromName: 'Shop Support',
        replyDomain: 'reply.shop.test',
        unseenDelayMinutes: 10,
      },
    });
    expect(r.status).toBe(200);
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    await s.close();
    await sink.close();
    await pg?.drop();
  });

  describe('a reply to an offline message', () => {
    it('arrives as a threaded multipart mail with the conversation’s reply address, and the console sees it emailed', async () => {
      const c = await offlineConversation('maya@example.com');
      const team = await following(admin, c.id);
      const first = await reply(c.id, 'Hi Maya, **happy** to call you. <script>alert(1)</script>');
      expect(first.status).toBe(201);
      await settle(() => sink.to('maya@example.com').length === 1, 'the first mail');
      const [mail] = sink.to('maya@example.com');
      expect(addressesOf(mail!.from)).toEqual(['support@shop.test']);
      expect(mail!.from?.value[0]?.name).toBe('Shop Support');
      expect(mail!.subject).toMatch(/^Re: Your conversation with /);
      expect(mail!.text).toContain('Hi Maya, **happy** to call you.');
      expect(mail!.html).toContain('<strong>happy</strong>');
      expect(mail!.html).not.toContain('<script>');
      expect(mail!.html).toContain('&lt;script&gt;');
      const replyTo = addressesOf(mail!.replyTo)[0]!;
      expect(replyTo).toMatch(/^reply\+[0-9a-f]{32}@reply\.shop\.test$/);
      expect((await findThread(s.app.ctx.db, threadTokenOf(replyTo)!))?.conversation_id).toBe(c.id);
      expect(mail!.messageId).toMatch(/@reply\.shop\.test>$/);
      expect(mail!.inReplyTo).toBeUndefined();

      await team.waitFor('email', (f) => f.conversationId === c.id && f.seq === first.body.message.seq && f.email.state === 'sent');
      const shown = (await history(c.id)).find((m) => m.id === first.body.message.id);
      expect(shown?.email).toEqual({ state: 'sent', error: null, recipient: 'maya@example.com' });

      const second = await reply(c.id, 'One more thing: which number?');
      await settle(() => sink.to('maya@example.com').length === 2, 'the second mail');
      const next = sink.to('maya@example.com')[1]!;
      expect(next.subject).toBe(mail!.subject);
      expect(next.inReplyTo).toBe(mail!.messageId);
      expect(next.references).toContain(mail!.messageId);
      expect(addressesOf(next.replyTo)).toEqual([replyTo]);
      expect(next.text).toContain('One more thing: which number?');
      expect(next.text).not.toContain('happy');

      const listed = await emails(c.id);
      expect(listed.map((e) => [e.state, e.purpose, e.recipient, e.messageId])).toEqual([
        ['sent', 'offline-reply', 'maya@example.com', first.body.message.id],
        ['sent', 'offline-reply', 'maya@example.com', second.body.message.id],
      ]);
      expect(listed[0]!.headerMessageId).toBe(mail!.messageId!.replace(/[<>]/g, ''));
    });

    it('fails at once with the server’s reason when the recipient is refused (550)', async () => {
      sink.refuse.set('gone@example.com', { code: 550, message: '5.1.1 <gone@example.com>: Recipient address rejected: User unknown' });
      const c = await offlineConversation('gone@example.com');
      const team = await following(admin, c.id);
      const r = await reply(c.id, 'Hello?');
      await settle(async () => (await emails(c.id))[0]?.state === 'failed', 'the refusal');
      const [e] = await emails(c.id);
      expect(e).toMatchObject({ state: 'failed', attempts: 1 });
      expect(e!.error).toContain('550');
      expect(e!.error).toContain('User unknown');
      const f = await team.waitFor('email', (x) => x.conversationId === c.id && x.email.state === 'failed');
      expect(f.seq).toBe(r.body.message.seq);
      expect((await history(c.id)).find((m) => m.id === r.body.message.id)?.email?.error).toContain('User unknown');
      expect(sink.to('gone@example.com')).toEqual([]);
      const job = await s.app.ctx.jobs.get(
        `email.send:${(await s.app.ctx.db.selectFrom('email_messages').select('id').where('conversation_id', '=', c.id).executeTakeFirstOrThrow()).id}`,
      );
      expect(job?.status).toBe('done');
    });

    it('is tried again after a temporary refusal (451) and goes once the server takes it', async () => {
      sink.refuse.set('busy@example.com', { code: 451, message: '4.7.1 Try again later' });
      const c = await offlineConversation('busy@example.com');
      await reply(c.id, 'Are you there?');
      await settle(async () => (await emails(c.id))[0]?.attempts === 1, 'the first try');
      // The mail's row is written inside the run; wait until the runner has put the job back to wait for its backoff.
      const key = `email.send:${(await s.app.ctx.db.selectFrom('email_messages').select('id').where('conversation_id', '=', c.id).executeTakeFirstOrThrow()).id}`;
      await settle(async () => (await s.app.ctx.jobs.get(key))?.status === 'pending', 'the retry to be scheduled');
      expect((await emails(c.id))[0]).toMatchObject({ state: 'queued', attempts: 1, error: expect.stringContaining('451') });
      expect((await history(c.id)).at(-1)?.email).toMatchObject({ state: 'queued', error: expect.stringContaining('Try again later') });
      // Nothing more before the backoff ends.
      expect(await s.app.ctx.jobs.runDue()).toBe(0);
      sink.refuse.delete('busy@example.com');
      // Exactly to the retry's time: moving further while it talks to the SMTP server (real time) would let its lease run out on the test clock.
      const retry = await s.app.ctx.jobs.get(key);
      expect(retry!.run_at - clock.now()).toBeLessThanOrEqual(MINUTE);
      await clock.advance(retry!.run_at - clock.now());
      await settle(async () => (await emails(c.id))[0]?.state === 'sent', 'the retry');
      expect((await emails(c.id))[0]).toMatchObject({ state: 'sent', attempts: 2, error: null });
      expect(sink.to('busy@example.com')).toHaveLength(1);
    });

    it('with a wrong SMTP password fails with the server’s answer, never the password', async () => {
      sink.auth = { user: 'switchboard', pass: 'another-password' };
      try {
        const c = await offlineConversation('pw@example.com');
        await reply(c.id, 'Hi');
        await settle(async () => (await emails(c.id))[0]?.state === 'failed', 'the refused sign-in');
        const [e] = await emails(c.id);
        expect(e!.error).toContain('535');
        expect(e!.error).not.toContain('smtp-pass-Kq83');
      } finally {
        sink.auth = { user: 'switchboard', pass: 'smtp-pass-Kq83' };
      }
    });
  });

  describe('a conversation of an email inbox', () => {
    it('answers the customer’s mail at once, threaded; their reply by mail lands in the same conversation', async () => {
      await api(s.url, '/api/v1/email/inboxes', { token: admin, body: { name: 'Mail', address: `help-${store.name.toLowerCase()}@shop.test` } });
      const secret = (await api<{ secret: string }>(s.url, '/api/v1/email/relay/secret', { token: admin, method: 'POST' })).body.secret;
      const relay = (raw: string) =>
        fetch(`${s.url}/api/v1/email/inbound`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'message/rfc822' },
          body: raw,
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as { status: string; conversationId: string } }));
      const first = await relay(
        [
          'From: Ola Nordmann <ola@example.com>',
          `To: help-${store.name.toLowerCase()}@shop.test`,
          'Subject: Broken zipper on my Trail 2P',
          `Message-ID: <zipper-${store.name}@mail.example.com>`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          'The zipper of my Trail 2P broke.',
          '',
        ].join('\r\n'),
      );
      expect(first.body.status).toBe('stored');
      const id = first.body.conversationId;

      await reply(id, 'Sorry! A new tent is on its way.');
      await settle(() => sink.to('ola@example.com').length === 1, 'the reply by mail');
      const [mail] = sink.to('ola@example.com');
      expect(mail!.subject).toBe('Re: Broken zipper on my Trail 2P');
      expect(mail!.inReplyTo).toBe(`<zipper-${store.name}@mail.example.com>`);
      expect(mail!.text).toContain('Sorry! A new tent is on its way.');
      expect((await emails(id)).map((e) => [e.purpose, e.state])).toEqual([
        ['inbound', 'received'],
        ['reply', 'sent'],
      ]);

      // The customer answers the mail: it finds the conversation by its reply address and headers.
      const back = await relay(
        [
          'From: Ola Nordmann <ola@example.com>',
          `To: ${addressesOf(mail!.replyTo)[0]}`,
          `Subject: ${mail!.subject}`,
          `Message-ID: <thanks-${store.name}@mail.example.com>`,
          `In-Reply-To: ${mail!.messageId}`,
          `References: ${mail!.references ? [mail!.references].flat().join(' ') : ''} ${mail!.messageId}`,
          'Content-Type: text/plain; charset=utf-8',
          '',
          'Thank you, it arrived!',
          '',
        ].join('\r\n'),
      );
      expect(back.body).toMatchObject({ status: 'stored', conversationId: id });
      expect((await history(id)).at(-1)?.body).toContain('Thank you, it arrived!');
    });
  });

  describe('replies the visitor has not seen', () => {
    it('go by mail after the delay, only the unseen ones, once; each reply moves the delay on', async () => {
      const v = await newVisitor(s.url, s.websiteKey);
      const visitor = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
      clients.push(visitor);
      await visitor.waitFor('welcome');
      const ack = await visitor.client.send({ body: 'Do you ship to Norway?' });
      const id = ack.conversationId;
      visitor.client.subscribe(id, 0);
      await visitor.waitFor('synced', (f) => f.conversationId === id);
      const identified = await api(s.url, '/api/v1/widget/identify', {
        headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
        body: { email: 'nils@example.com' },
      });
      expect(identified.status).toBe(200);

      const seen = await reply(id, 'Yes, we do!');
      await visitor.waitFor('message', (f) => f.message.id === seen.body.message.id);
      visitor.client.sendVolatile({ type: 'read', conversationId: id, seq: seen.body.message.seq });
      await settle(async () => {
        const row = await s.app.ctx.db.selectFrom('conversations').select('visitor_read_seq').where('id', '=', id).executeTakeFirstOrThrow();
        return Number(row.visitor_read_seq) >= seen.body.message.seq;
      }, 'the visitor’s read');
      visitor.close();
      await clock.advance(5 * MINUTE);
      await reply(id, 'Shipping takes **3 days**.');
      await settle(async () => Number((await s.app.ctx.jobs.get(`email.unseen:${id}`))?.run_at) === clock.now() + 10 * MINUTE, 'the delay moved on');
      await clock.advance(9 * MINUTE);
      await s.app.ctx.jobs.runDue();
      expect(sink.to('nils@example.com')).toEqual([]);
      await clock.advance(MINUTE);
      await settle(() => sink.to('nils@example.com').length === 1, 'the unseen replies');
      const [mail] = sink.to('nils@example.com');
      expect(mail!.text).toContain('Shipping takes **3 days**.');
      expect(mail!.html).toContain('<strong>3 days</strong>');
      expect(mail!.text).not.toContain('Yes, we do!');
      expect(mail!.text).toContain('Admin');
      expect(addressesOf(mail!.replyTo)[0]).toMatch(/^reply\+[0-9a-f]{32}@reply\.shop\.test$/);
      expect((await emails(id)).map((e) => [e.purpose, e.state])).toEqual([['unseen', 'sent']]);
      // Run again (a job repeated after a crash): the reply is mailed already.
      await s.app.ctx.jobs.schedule({
        kind: 'email.unseen',
        runAt: clock.now(),
        payload: {
          workspaceId: (await s.app.ctx.db.selectFrom('conversations').select('workspace_id').where('id', '=', id).executeTakeFirstOrThrow()).workspace_id,
          conversationId: id,
        },
      });
      await s.app.ctx.jobs.runDue();
      expect(await emails(id)).toHaveLength(1);
    });
  });

  describe('notices by mail', () => {
    it('reach the operators who opted in: mentions, assignments and due tasks; no one else', async () => {
      const c = await offlineConversation('notice@example.com');
      const none = await api<{ onMention: boolean }>(s.url, '/api/v1/auth/me/email-preferences', { token: bea });
      expect(none.body).toEqual({ onMention: false, onAssignment: false, onTaskDue: false });
      // Not opted in yet: nothing.
      await api(s.url, `/api/v1/conversations/${c.id}/notes`, { token: admin, body: { body: '@Bea Bauer first look' } });
      const saved = await api(s.url, '/api/v1/auth/me/email-preferences', {
        method: 'PATCH',
        token: bea,
        body: { onMention: true, onAssignment: true, onTaskDue: true },
      });
      expect(saved.body).toEqual({ onMention: true, onAssignment: true, onTaskDue: true });
      await api(s.url, `/api/v1/conversations/${c.id}/notes`, { token: admin, body: { body: '@Bea Bauer can you take this?' } });
      await settle(() => sink.to('bea@example.com').length === 1, 'the mention mail');
      expect(sink.to('bea@example.com')[0]!.subject).toBe('Admin mentioned you');
      expect(sink.to('bea@example.com')[0]!.text).toContain('can you take this?');
      expect(sink.to('bea@example.com')[0]!.text).not.toContain('first look');

      await api(s.url, `/api/v1/conversations/${c.id}/assign`, { token: admin, body: { operatorId: beaId } });
      await settle(() => sink.to('bea@example.com').length === 2, 'the assignment mail');
      expect(sink.to('bea@example.com')[1]!.subject).toBe('A conversation with Maya Chen is assigned to you');

      const task = await api(s.url, '/api/v1/tasks', {
        token: admin,
        body: { title: 'Call Maya back', conversationId: c.id, assigneeId: beaId, dueAt: clock.now() + 30 * MINUTE },
      });
      expect(task.status).toBe(201);
      await clock.advance(29 * MINUTE);
      await s.app.ctx.jobs.runDue();
      expect(sink.to('bea@example.com')).toHaveLength(2);
      await clock.advance(MINUTE);
      await settle(() => sink.to('bea@example.com').length === 3, 'the task mail');
      expect(sink.to('bea@example.com')[2]!.subject).toBe('Task due: Call Maya back');

      // The admin did not opt in: Bea's mention of them sends nothing.
      await api(s.url, `/api/v1/conversations/${c.id}/notes`, { token: bea, body: { body: '@Admin done' } });
      await s.app.ctx.jobs.runDue();
      expect(sink.to('admin@example.com').filter((m) => m.subject?.includes('mentioned'))).toEqual([]);
    });
  });

  describe('a transcript by mail', () => {
    it('goes to the conversation’s contact, asked for by an operator or by the visitor', async () => {
      const c = await offlineConversation('transcript@example.com', 'My order #1234 did not arrive');
      await reply(c.id, 'Sorry about that, sending a new one.');
      await settle(() => sink.to('transcript@example.com').length === 1, 'the reply');
      const r = await api<{ recipient: string }>(s.url, `/api/v1/conversations/${c.id}/transcript/email`, { token: admin, method: 'POST' });
      expect(r.status).toBe(202);
      expect(r.body.recipient).toBe('transcript@example.com');
      await settle(() => sink.to('transcript@example.com').length === 2, 'the transcript');
      const t = sink.to('transcript@example.com')[1]!;
      expect(t.text).toContain('My order #1234 did not arrive');
      expect(t.html).toContain('Sorry about that, sending a new one.');
      expect(t.subject).toBe(sink.to('transcript@example.com')[0]!.subject);
      const byVisitor = await api(s.url, `/api/v1/widget/conversations/${c.id}/transcript/email`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.visitorToken}`, 'x-website-key': s.websiteKey },
      });
      expect(byVisitor.status).toBe(202);
      await settle(() => sink.to('transcript@example.com').length === 3, 'the visitor’s transcript');
      expect(sink.to('transcript@example.com')[2]!.text).toContain('You');

      // A visitor who gave no address: refused, nothing queued.
      const v = await newVisitor(s.url, s.websiteKey);
      const anon = visitorClient(s.wsUrl, s.websiteKey, v.visitorToken);
      clients.push(anon);
      await anon.waitFor('welcome');
      const ack = await anon.client.send({ body: 'Just browsing' });
      const refused = await api<{ error: { code: string } }>(s.url, `/api/v1/widget/conversations/${ack.conversationId}/transcript/email`, {
        method: 'POST',
        headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
      });
      expect(refused.status).toBe(400);
      expect(await emails(ack.conversationId)).toEqual([]);
    });
  });

  describe('a secured connection', () => {
    it('goes over STARTTLS or TLS as set, and fails (the server’s answer to STARTTLS) when the upgrade is required but refused', async () => {
      const starttls = await startSmtpSink({ tls: 'starttls' });
      const implicit = await startSmtpSink({ tls: 'implicit' });
      const set = (body: Record<string, unknown>) => api(s.url, '/api/v1/email/settings', { method: 'PATCH', token: admin, body });
      try {
        await set({ smtpPort: starttls.port, smtpSecurity: 'starttls' });
        const a = await offlineConversation('tls1@example.com');
        await reply(a.id, 'Over STARTTLS');
        await settle(() => starttls.to('tls1@example.com').length === 1, 'the STARTTLS mail');
        expect(starttls.secure).toEqual([true]);

        await set({ smtpPort: implicit.port, smtpSecurity: 'tls' });
        const b = await offlineConversation('tls2@example.com');
        await reply(b.id, 'Over TLS');
        await settle(() => implicit.to('tls2@example.com').length === 1, 'the TLS mail');
        expect(implicit.secure).toEqual([true]);

        // The plain sink offers no STARTTLS: required, so nothing goes in the clear.
        await set({ smtpPort: sink.port, smtpSecurity: 'starttls' });
        const c = await offlineConversation('tls3@example.com');
        await reply(c.id, 'Never in the clear');
        await settle(async () => (await emails(c.id))[0]?.state === 'failed', 'the refused upgrade');
        expect((await emails(c.id))[0]).toMatchObject({ state: 'failed', error: expect.stringContaining('(STARTTLS)') });
        expect(sink.to('tls3@example.com')).toEqual([]);
      } finally {
        await set({ smtpPort: sink.port, smtpSecurity: 'none' });
        await starttls.close();
        await implicit.close();
      }
    });
  });

  describe('the email settings', () => {
    it('never give the password back, refuse bad input, and send a test mail or say the server’s error', async () => {
      const got = await api<Record<string, unknown>>(s.url, '/api/v1/email/settings', { token: admin });
      expect(got.body).toMatchObject({ smtpHost: '127.0.0.1', smtpSecurity: 'none', passwordSet: true, configured: true });
      expect(JSON.stringify(got.body)).not.toContain('smtp-pass-Kq83');
      expect((await api(s.url, '/api/v1/email/settings', { token: bea })).status).toBe(403);
      for (const body of [
        { smtpPort: 70000 },
        { smtpSecurity: 'ssl' },
        { fromAddress: 'not an address' },
        { smtpHost: 'bad host!' },
        { replyDomain: 'x' },
        { fromName: 'Shop\r\nBcc: all@example.com' },
      ]) {
        expect((await api(s.url, '/api/v1/email/settings', { method: 'PATCH', token: admin, body })).status).toBe(400);
      }
      const ok = await api<{ sent: boolean; recipient: string; error: string | null }>(s.url, '/api/v1/email/settings/test', { method: 'POST', token: admin });
      expect(ok.body).toEqual({ sent: true, recipient: 'admin@example.com', error: null });
      expect(sink.to('admin@example.com').at(-1)?.subject).toBe('Switchboard test email');
      sink.refuse.set('admin@example.com', { code: 550, message: 'Mailbox unavailable' });
      const refused = await api<{ sent: boolean; error: string }>(s.url, '/api/v1/email/settings/test', { method: 'POST', token: admin });
      sink.refuse.delete('admin@example.com');
      expect(refused.body.sent).toBe(false);
      expect(refused.body.error).toContain('550 Mailbox unavailable');
    });
  });
});
