/**
 * Bounces and refusals of outgoing email over real SMTP: an operator's reply
 * goes to an SMTP server (smtp-server, the sink) with the envelope sender
 * bounce+<token>@<reply domain>; a delivery status notification built as
 * Postfix builds it (multipart/report: a text/plain explanation, a
 * message/delivery-status part and the original's text/rfc822-headers) is
 * then delivered by nodemailer to Switchboard's own listener, as the
 * recipient's server would: the mail turns failed with the report's reason,
 * live in the console, and the bounce never becomes a message. A delay
 * changes nothing but a note; a report about no mail of ours is dropped. And
 * the listener offers STARTTLS with a certificate of its own (made here with
 * openssl), checked at start.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MessageDto } from '@switchboard/protocol';
import nodemailer, { type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newVisitor, operatorClient, type TestClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { createPgSchema, hasPostgres, PG_URL } from '../../../test/support/services.js';
import { postfixDsn as dsnOf } from '../../../test/support/dsn.js';
import { type SmtpSink, startSmtpSink } from '../../../test/support/smtp-sink.js';
import { ConfigError, loadConfig } from '../src/config.js';
import { createInboundSmtp } from '../src/email-inbound/smtp-listener.js';

const REPLY_DOMAIN = 'reply.shop.test';
const INBOX_ADDRESS = 'support@shop.test';

let s: TestServer;
let sink: SmtpSink;
let admin: string;
let smtp: Transporter;
const clients: TestClient[] = [];
let pg: { schema: string; drop: () => Promise<void> } | null;
const STORES = [{ name: 'SQLite', pg: false }, ...(hasPostgres ? [{ name: 'PostgreSQL', pg: true }] : [])];

interface EmailItem {
  state: string;
  error: string | null;
  recipient: string;
  headerMessageId: string;
  messageId: string | null;
}
const emails = async (id: string) => (await api<{ items: EmailItem[] }>(s.url, `/api/v1/conversations/${id}/emails`, { token: admin })).body.items;
const history = async (id: string) => (await api<{ messages: MessageDto[] }>(s.url, `/api/v1/conversations/${id}/messages`, { token: admin })).body.messages;
const messageCount = async () =>
  Number(
    (
      await s.app.ctx.db
        .selectFrom('messages')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const conversationCount = async () =>
  Number(
    (
      await s.app.ctx.db
        .selectFrom('conversations')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Runs the due jobs until the condition holds. */
async function settle(cond: () => Promise<boolean> | boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    await s.app.ctx.jobs.runDue();
    if (await cond()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** An offline visitor's conversation, answered by the operator; resolves when the answer's mail reached the sink. */
async function answeredByMail(email: string) {
  const v = await newVisitor(s.url, s.websiteKey);
  const r = await api<{ conversation: { id: string } }>(s.url, '/api/v1/widget/offline-message', {
    headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
    body: { clientId: `offline-${email}`, name: 'Maya Chen', email, message: 'Please call me back.' },
  });
  expect(r.status).toBe(201);
  const id = r.body.conversation.id;
  const team = operatorClient(s.wsUrl, admin);
  clients.push(team);
  await team.waitFor('welcome');
  team.client.subscribe(id);
  await team.waitFor('synced', (f) => f.conversationId === id);
  const answer = await api<{ message: MessageDto }>(s.url, `/api/v1/conversations/${id}/messages`, { token: admin, body: { body: 'Happy to call you.' } });
  expect(answer.status).toBe(201);
  const before = sink.mails.length;
  await settle(async () => (await emails(id))[0]?.state === 'sent' && sink.mails.length > before, 'the mail to be sent');
  const index = sink.mails.findIndex((m, i) => i >= before && m.to && JSON.stringify(m.to).includes(email));
  const mail = sink.mails[index]!;
  const replyTo = mail.replyTo?.value[0]?.address ?? '';
  return { id, team, seq: answer.body.message.seq, messageId: mail.messageId!, sender: sink.senders[index]!, subject: mail.subject ?? '', replyTo };
}

const postfixDsn = (p: Omit<Parameters<typeof dsnOf>[0], 'from'>) => dsnOf({ ...p, from: INBOX_ADDRESS });

/** Delivered to the listener as the recipient's server does: from the null sender, to the envelope's address. */
const bounce = (to: string, raw: string) => smtp.sendMail({ envelope: { from: '', to: [to] }, raw });

describe.each(STORES)('bounces on $name', (store) => {
  beforeAll(async () => {
    pg = store.pg ? await createPgSchema() : null;
    sink = await startSmtpSink();
    s = await startTestServer({
      env: { INBOUND_SMTP: 'on', INBOUND_SMTP_PORT: '0', INBOUND_SMTP_HOST: '127.0.0.1', ...(pg ? { DATABASE_URL: PG_URL, DATABASE_SCHEMA: pg.schema } : {}) },
    });
    admin = await login(s.url);
    const settings = await api(s.url, '/api/v1/email/settings', {
      method: 'PATCH',
      token: admin,
      body: {
        smtpHost: '127.0.0.1',
        smtpPort: sink.port,
        smtpSecurity: 'none',
        fromAddress: INBOX_ADDRESS,
        fromName: 'Shop Support',
        replyDomain: REPLY_DOMAIN,
      },
    });
    expect(settings.status).toBe(200);
    const inbox = await api(s.url, '/api/v1/email/inboxes', { token: admin, body: { name: 'Support mail', address: INBOX_ADDRESS } });
    expect(inbox.status).toBe(201);
    smtp = nodemailer.createTransport({ host: '127.0.0.1', port: s.app.smtp!.port!, secure: false, ignoreTLS: true });
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.close();
    smtp?.close();
    await s?.close();
    await sink?.close();
    await pg?.drop();
  });

  describe('a bounce of a sent mail', () => {
    it('comes back to the mail’s own bounce address, marks it failed with the reason, live, and is no message', async () => {
      const m = await answeredByMail('maya@example.com');
      expect(m.sender).toMatch(new RegExp(`^bounce\\+[0-9a-f]{32}@${REPLY_DOMAIN.replace(/\./g, '\\.')}$`));
      const messages = await messageCount();
      const conversations = await conversationCount();

      const sent = await bounce(
        m.sender,
        postfixDsn({
          to: m.sender,
          recipient: 'maya@example.com',
          action: 'failed',
          status: '5.1.1',
          diagnostic: '550 5.1.1 <maya@example.com>: Recipient address rejected: User unknown in virtual mailbox table',
          original: { messageId: m.messageId, subject: m.subject },
        }),
      );
      expect(sent.response).toMatch(/^250 /);

      const frame = await m.team.waitFor('email', (f) => f.conversationId === m.id && f.email.state === 'failed');
      expect(frame.seq).toBe(m.seq);
      expect(frame.email.error).toContain('5.1.1');
      expect(frame.email.error).toContain('User unknown');
      const [row] = await emails(m.id);
      expect(row).toMatchObject({ state: 'failed', recipient: 'maya@example.com' });
      expect(row!.error).toBe('550 5.1.1 <maya@example.com>: Recipient address rejected: User unknown in virtual mailbox table');
      expect((await history(m.id)).find((x) => x.seq === m.seq)?.email).toMatchObject({ state: 'failed', error: row!.error });
      // No message from the mailer daemon, no conversation, no inbound mail stored.
      expect(await messageCount()).toBe(messages);
      expect(await conversationCount()).toBe(conversations);
      expect((await emails(m.id)).map((e) => e.state)).toEqual(['failed']);
    });

    it('is matched by its bounce address alone, when the report quotes none of the mail', async () => {
      const m = await answeredByMail('nobody@example.net');
      await bounce(
        m.sender,
        postfixDsn({ to: m.sender, recipient: 'nobody@example.net', action: 'failed', status: '5.2.2', diagnostic: '552 5.2.2 Mailbox full', original: null }),
      );
      await m.team.waitFor('email', (f) => f.conversationId === m.id && f.email.state === 'failed');
      expect((await emails(m.id))[0]!.error).toBe('552 5.2.2 Mailbox full');
    });

    it('is matched by the Message-ID it quotes when it comes back to the From address', async () => {
      const m = await answeredByMail('lena@example.org');
      await bounce(
        INBOX_ADDRESS,
        postfixDsn({
          to: INBOX_ADDRESS,
          recipient: 'lena@example.org',
          action: 'failed',
          status: '5.1.1',
          diagnostic: '550 5.1.1 User unknown',
          original: { messageId: m.messageId, subject: m.subject },
        }),
      );
      await m.team.waitFor('email', (f) => f.conversationId === m.id && f.email.state === 'failed');
      expect((await emails(m.id))[0]!.error).toBe('550 5.1.1 User unknown');
    });

    it('that only reports a delay leaves the mail sent, with the delay noted', async () => {
      const m = await answeredByMail('slow@example.com');
      const messages = await messageCount();
      const sent = await bounce(
        m.sender,
        postfixDsn({
          to: m.sender,
          recipient: 'slow@example.com',
          action: 'delayed',
          status: '4.4.1',
          diagnostic: '421 4.4.1 Connection timed out while talking to mail.example.com',
          original: { messageId: m.messageId, subject: m.subject },
        }),
      );
      expect(sent.response).toMatch(/^250 /);
      const [row] = await emails(m.id);
      expect(row!.state).toBe('sent');
      expect(row!.error).toContain('Delayed: 421 4.4.1');
      expect((await history(m.id)).find((x) => x.seq === m.seq)?.email?.state).toBe('sent');
      expect(m.team.frames.some((f) => f.type === 'email' && f.conversationId === m.id && f.email.state === 'failed')).toBe(false);
      expect(await messageCount()).toBe(messages);
    });

    it('about a Message-ID Switchboard never sent is taken and dropped, changing nothing', async () => {
      const m = await answeredByMail('kept@example.com');
      const messages = await messageCount();
      const conversations = await conversationCount();
      const sent = await bounce(
        INBOX_ADDRESS,
        postfixDsn({
          to: INBOX_ADDRESS,
          recipient: 'someone@example.com',
          action: 'failed',
          status: '5.1.1',
          diagnostic: '550 5.1.1 User unknown',
          original: { messageId: '<not-ours.1234@elsewhere.example>', subject: 'Hello' },
          autoSubmitted: false,
        }),
      );
      expect(sent.response).toMatch(/^250 /);
      expect((await emails(m.id))[0]).toMatchObject({ state: 'sent', error: null });
      expect(await messageCount()).toBe(messages);
      expect(await conversationCount()).toBe(conversations);
    });

    it('posted by a mail relay finds the mail by the bounce address it was delivered to', async () => {
      const m = await answeredByMail('relayed@example.com');
      const made = await api<{ secret: string }>(s.url, '/api/v1/email/relay/secret', { token: admin, body: {} });
      expect(made.status).toBe(201);
      const dsn = postfixDsn({
        to: m.sender,
        deliveredTo: m.sender,
        recipient: 'relayed@example.com',
        action: 'failed',
        status: '5.1.1',
        diagnostic: '550 5.1.1 No such user here',
        original: null,
        autoSubmitted: false,
      });
      const posted = await fetch(`${s.url}/api/v1/email/inbound`, {
        method: 'POST',
        headers: { 'content-type': 'message/rfc822', authorization: `Bearer ${made.body.secret}` },
        body: new Uint8Array(Buffer.from(dsn)),
      });
      expect(posted.status).toBe(200);
      expect(await posted.json()).toEqual({ status: 'bounce', conversationId: null, messageId: null });
      await m.team.waitFor('email', (f) => f.conversationId === m.id && f.email.state === 'failed');
      expect((await emails(m.id))[0]!.error).toBe('550 5.1.1 No such user here');
    });

    it('that is no RFC 3464 report, sent to the reply address from the null sender, is dropped and no message', async () => {
      const m = await answeredByMail('oldserver@example.com');
      expect(m.replyTo).toMatch(/^reply\+[0-9a-f]{32}@/);
      const messages = await messageCount();
      const raw = [
        'From: Mail Delivery Subsystem <postmaster@old.example.com>',
        `To: ${m.replyTo}`,
        'Subject: Returned mail: see transcript for details',
        'Message-ID: <plain-bounce.1@old.example.com>',
        '',
        'The original message was received but could not be delivered:',
        '550 5.1.1 oldserver@example.com... User unknown',
        '',
      ].join('\r\n');
      const sent = await bounce(m.replyTo, raw);
      expect(sent.response).toMatch(/^250 Dropped/);
      expect(await messageCount()).toBe(messages);
      // The same mail from a person's address is a message, so the null sender is what dropped it.
      await smtp.sendMail({ envelope: { from: 'oldserver@example.com', to: [m.replyTo] }, raw: raw.replace('plain-bounce.1', 'plain-bounce.2') });
      await m.team.waitFor('message', (f) => f.message.conversationId === m.id && f.message.body.includes('could not be delivered'));
    });

    it('cannot come back to a server that refuses the bounce address as sender: the mail goes with the From address', async () => {
      sink.refuseSender = (a) => a.startsWith('bounce+');
      try {
        const m = await answeredByMail('strict-provider@example.com');
        expect(m.sender).toBe(INBOX_ADDRESS);
        expect((await emails(m.id))[0]).toMatchObject({ state: 'sent', error: null });
      } finally {
        sink.refuseSender = null;
      }
    });

    it('to a bounce address Switchboard never gave out is refused at RCPT', async () => {
      const to = `bounce+${'0'.repeat(32)}@${REPLY_DOMAIN}`;
      await expect(
        bounce(to, postfixDsn({ to, recipient: 'x@example.com', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 User unknown' })),
      ).rejects.toMatchObject({
        responseCode: 550,
      });
    });

    it('of a mail the recipient’s server refused at once stays as the send job left it', async () => {
      sink.refuse.set('refused@example.com', { code: 550, message: '5.7.1 <refused@example.com>: Relay access denied' });
      const v = await newVisitor(s.url, s.websiteKey);
      const r = await api<{ conversation: { id: string } }>(s.url, '/api/v1/widget/offline-message', {
        headers: { authorization: `Bearer ${v.visitorToken}`, 'x-website-key': s.websiteKey },
        body: { clientId: 'offline-refused', name: 'Ray', email: 'refused@example.com', message: 'Hi' },
      });
      const id = r.body.conversation.id;
      await api(s.url, `/api/v1/conversations/${id}/messages`, { token: admin, body: { body: 'Hello Ray' } });
      await settle(async () => (await emails(id))[0]?.state === 'failed', 'the refusal');
      const token = (await s.app.ctx.db.selectFrom('email_messages').select('bounce_token').where('conversation_id', '=', id).executeTakeFirstOrThrow())
        .bounce_token!;
      const to = `bounce+${token}@${REPLY_DOMAIN}`;
      await bounce(to, postfixDsn({ to, recipient: 'refused@example.com', action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 User unknown' }));
      expect((await emails(id))[0]!.error).toContain('Relay access denied');
    });
  });

  // The listener's TLS does not depend on the storage.
  describe.skipIf(store.pg)('STARTTLS on the inbound listener', () => {
    let dir: string;
    let certPath: string;
    let keyPath: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'sb-tls-'));
      certPath = join(dir, 'cert.pem');
      keyPath = join(dir, 'key.pem');
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'rsa:2048',
          '-nodes',
          '-days',
          '1',
          '-subj',
          '/CN=localhost',
          '-addext',
          'subjectAltName=DNS:localhost,IP:127.0.0.1',
          '-keyout',
          keyPath,
          '-out',
          certPath,
        ],
        { stdio: 'ignore' },
      );
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('is offered with a certificate and key, and a sender that requires TLS delivers over it', async () => {
      const config = loadConfig({ INBOUND_SMTP: 'on', INBOUND_SMTP_TLS_CERT: certPath, INBOUND_SMTP_TLS_KEY: keyPath });
      expect(config.inboundSmtp?.tls).not.toBeNull();
      const listener = createInboundSmtp(s.app.ctx, { port: 0, host: '127.0.0.1', tls: config.inboundSmtp!.tls });
      const port = await listener.listen();
      const secure = nodemailer.createTransport({
        host: '127.0.0.1',
        port,
        secure: false,
        requireTLS: true,
        tls: { ca: [readFileSync(certPath)], servername: 'localhost' },
      });
      try {
        const before = await conversationCount();
        const sent = await secure.sendMail({ from: 'tls@customer.example', to: INBOX_ADDRESS, subject: 'Over TLS', text: 'Sent encrypted.' });
        expect(sent.response).toMatch(/^250 /);
        expect(await conversationCount()).toBe(before + 1);
        const last = await s.app.ctx.db.selectFrom('messages').select('body').orderBy('created_at', 'desc').limit(1).executeTakeFirstOrThrow();
        expect(last.body).toBe('Over TLS\n\nSent encrypted.');
      } finally {
        secure.close();
        await listener.close();
      }
    });

    it('is not offered without them: a sender that requires TLS gives up', async () => {
      const plain = nodemailer.createTransport({ host: '127.0.0.1', port: s.app.smtp!.port!, secure: false, requireTLS: true });
      try {
        await expect(plain.sendMail({ from: 'tls@customer.example', to: INBOX_ADDRESS, subject: 'x', text: 'y' })).rejects.toThrow(/STARTTLS/);
      } finally {
        plain.close();
      }
    });

    it('refuses to start with only one of the two, a missing file, or a key that is not the certificate’s', () => {
      const problems = (env: Record<string, string>) => {
        try {
          loadConfig({ INBOUND_SMTP: 'on', ...env });
        } catch (err) {
          if (err instanceof ConfigError) return err.problems.join('\n');
          throw err;
        }
        return 'started';
      };
      expect(problems({ INBOUND_SMTP_TLS_CERT: certPath })).toMatch(/set both/);
      expect(problems({ INBOUND_SMTP_TLS_CERT: join(dir, 'missing.pem'), INBOUND_SMTP_TLS_KEY: keyPath })).toMatch(
        /INBOUND_SMTP_TLS_CERT: cannot read .*ENOENT/,
      );
      const otherKey = join(dir, 'other-key.pem');
      execFileSync('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', otherKey], { stdio: 'ignore' });
      expect(problems({ INBOUND_SMTP_TLS_CERT: certPath, INBOUND_SMTP_TLS_KEY: otherKey })).toMatch(/not a PEM certificate and its private key/);
      writeFileSync(join(dir, 'junk.pem'), 'not a certificate');
      expect(problems({ INBOUND_SMTP_TLS_CERT: join(dir, 'junk.pem'), INBOUND_SMTP_TLS_KEY: keyPath })).toMatch(/not a PEM certificate/);
      expect(problems({ INBOUND_SMTP_TLS_CERT: certPath, INBOUND_SMTP_TLS_KEY: keyPath })).toBe('started');
    });
  });
});
