/**
 * Inbound email over real SMTP: nodemailer talks to Switchboard's own
 * listener on a free port, and an operator's realtime client sees what
 * arrives. Also the relay endpoint, and the trimming of replies on samples of
 * what Gmail, Outlook and Apple Mail send.
 */
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorClient, type TestClient } from '../../../test/support/clients.js';
import { api, login, startTestServer, type TestServer } from '../../../test/support/server.js';
import { ensureThread, replyAddress } from '../src/email/email-thread.js';
import { loadConfig } from '../src/config.js';
import { trimReply } from '../src/email-inbound/trim-reply.js';

// A real 1x1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
const INBOX_ADDRESS = 'support@shop.example';

let s: TestServer;
let token: string;
let operator: TestClient;
let smtp: Transporter;
let emailInboxId: string;
let workspaceId: string;

beforeAll(async () => {
  s = await startTestServer({
    env: {
      INBOUND_SMTP: 'on',
      INBOUND_SMTP_PORT: '0',
      INBOUND_SMTP_HOST: '127.0.0.1',
      INBOUND_MAX_BYTES: String(256 * 1024),
      ATTACHMENT_MAX_BYTES: String(16 * 1024),
    },
  });
  token = await login(s.url);
  const created = await api<{ id: string; address: string }>(s.url, '/api/v1/email/inboxes', {
    token,
    body: { name: 'Support mail', address: ' Support@Shop.example ' },
  });
  expect(created.status).toBe(201);
  expect(created.body.address).toBe(INBOX_ADDRESS);
  emailInboxId = created.body.id;
  workspaceId = (await s.app.ctx.db.selectFrom('inboxes').select('workspace_id').where('id', '=', emailInboxId).executeTakeFirstOrThrow()).workspace_id;
  smtp = nodemailer.createTransport({ host: '127.0.0.1', port: s.app.smtp!.port!, secure: false, ignoreTLS: true });
  operator = operatorClient(s.wsUrl, token);
  await operator.waitFor('welcome');
});
afterAll(async () => {
  operator?.close();
  smtp?.close();
  await s?.close();
});

/** A conversation started by mail to the inbox address (and how to find it in the console). */
async function mailToInbox(from: string, subject: string, text: string, extra: Partial<SendMailOptions> = {}) {
  await smtp.sendMail({ from, to: INBOX_ADDRESS, subject, text, ...extra });
  const frame = await operator.waitFor(
    'conversation',
    (f) => f.conversation.inboxId === emailInboxId && f.conversation.lastMessage?.preview.startsWith(subject) === true,
  );
  return frame.conversation;
}

async function follow(conversationId: string) {
  operator.client.subscribe(conversationId);
  await operator.waitFor('synced', (f) => f.conversationId === conversationId);
}

describe('email inboxes', () => {
  it('are inboxes of kind email, listed with their addresses, with addresses unique', async () => {
    const list = await api<{ items: { id: string; address: string }[] }>(s.url, '/api/v1/email/inboxes', { token });
    expect(list.body.items).toEqual([expect.objectContaining({ id: emailInboxId, address: INBOX_ADDRESS })]);
    const inbox = await api<{ kind: string }>(s.url, `/api/v1/inboxes/${emailInboxId}`, { token });
    expect(inbox.body.kind).toBe('email');
    const again = await api<{ error: { code: string } }>(s.url, '/api/v1/email/inboxes', { token, body: { name: 'Twice', address: INBOX_ADDRESS } });
    expect(again.status).toBe(409);
    const bad = await api(s.url, '/api/v1/email/inboxes', { token, body: { name: 'Bad', address: 'not an address' } });
    expect(bad.status).toBe(400);
    // No widget chats through an email inbox, whatever its (required) website key.
    const websiteKey = (await api<{ websiteKey: string }>(s.url, `/api/v1/inboxes/${emailInboxId}`, { token })).body.websiteKey;
    expect((await api(s.url, '/api/v1/widget/session', { body: { websiteKey } })).status).toBe(404);
  });
});

describe('mail over SMTP', () => {
  it('to the inbox address starts a conversation in that inbox, from a contact with the sender address', async () => {
    const conv = await mailToInbox('Ann Smith <ann@customer.example>', 'Order 1234 is late', 'Hello, my order has not arrived yet.');
    expect(conv.contact).toMatchObject({ name: 'Ann Smith', email: 'ann@customer.example' });
    await follow(conv.id);
    const [msg] = operator.messages(conv.id);
    expect(msg?.author.kind).toBe('visitor');
    expect(msg?.body).toBe('Order 1234 is late\n\nHello, my order has not arrived yet.');
    // The same sender writing again is the same contact.
    const next = await mailToInbox('ann@customer.example', 'Another question', 'Do you ship to Norway?');
    expect(next.id).not.toBe(conv.id);
    expect(next.contact?.id).toBe(conv.contact?.id);
  });

  it('to a reply address lands live in its conversation, with its file kept and the quoted history trimmed', async () => {
    const conv = await mailToInbox('bob@customer.example', 'Refund', 'I would like a refund.');
    await follow(conv.id);
    const tokenOfThread = await ensureThread(s.app.ctx.db, { workspaceId, conversationId: conv.id, email: 'bob@customer.example', now: Date.now() });
    const text = [
      'Here is the receipt you asked for.',
      '',
      'On Mon, 7 Dec 2026 at 10:02, Switchboard Support <support@shop.example> wrote:',
      '> Could you send us the receipt?',
      '> Thanks',
    ].join('\n');
    await smtp.sendMail({
      from: 'bob@customer.example',
      to: replyAddress(tokenOfThread, 'reply.shop.example'),
      subject: 'Re: Refund',
      text,
      attachments: [
        { filename: 'receipt.png', content: PNG },
        { filename: 'virus.png', content: EXE },
      ],
    });
    const frame = await operator.waitFor('message', (f) => f.message.conversationId === conv.id && f.message.body.startsWith('Here is the receipt'));
    expect(frame.message.body).toBe(
      'Here is the receipt you asked for.\n\n(Not kept: virus.png (Only images (PNG, JPEG, GIF, WebP), PDF and plain text can be attached))',
    );
    expect(frame.message.attachments).toEqual([expect.objectContaining({ name: 'receipt.png', mime: 'image/png', size: PNG.length })]);
    const file = await fetch(`${s.url}/api/v1/attachments/${frame.message.attachments[0]!.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('finds the conversation by In-Reply-To alone, and ignores the same Message-ID twice', async () => {
    const conv = await mailToInbox('carol@customer.example', 'Sizes', 'Do you have it in XL?');
    await follow(conv.id);
    // What the outbound side records for the reply it sent.
    await s.app.ctx.db
      .insertInto('email_messages')
      .values({
        id: `out-${conv.id}`,
        workspace_id: workspaceId,
        conversation_id: conv.id,
        message_id: null,
        direction: 'out',
        purpose: 'reply',
        header_message_id: `sent-${conv.id}@reply.shop.example`,
        in_reply_to: null,
        recipient: 'carol@customer.example',
        subject: 'Re: Sizes',
        state: 'sent',
        error: null,
        attempts: 1,
        created_at: Date.now(),
        updated_at: Date.now(),
      })
      .execute();
    const reply = {
      from: 'carol@customer.example',
      to: INBOX_ADDRESS,
      subject: 'Re: Sizes',
      text: 'Great, I will take two.\n\nSent from my iPhone',
      messageId: `<carol-1-${conv.id}@customer.example>`,
      inReplyTo: `<sent-${conv.id}@reply.shop.example>`,
    };
    await smtp.sendMail(reply);
    const frame = await operator.waitFor('message', (f) => f.message.conversationId === conv.id && f.message.body === 'Great, I will take two.');
    await smtp.sendMail(reply);
    const stored = await s.app.ctx.db.selectFrom('messages').select('id').where('conversation_id', '=', conv.id).where('author_kind', '=', 'visitor').execute();
    expect(stored).toHaveLength(2);
    const row = await s.app.ctx.db.selectFrom('email_messages').selectAll().where('header_message_id', '=', `carol-1-${conv.id}@customer.example`).execute();
    expect(row).toEqual([
      expect.objectContaining({
        direction: 'in',
        state: 'received',
        conversation_id: conv.id,
        message_id: frame.message.id,
        in_reply_to: `sent-${conv.id}@reply.shop.example`,
      }),
    ]);
  });

  it('says who wrote when someone else than the contact replies to the thread', async () => {
    const conv = await mailToInbox('kim@customer.example', 'Quote', 'Can we get a quote?');
    await follow(conv.id);
    const t = await ensureThread(s.app.ctx.db, { workspaceId, conversationId: conv.id, email: 'kim@customer.example', now: Date.now() });
    await smtp.sendMail({ from: 'lee@customer.example', to: replyAddress(t, 'reply.shop.example'), subject: 'Re: Quote', text: 'For 20 seats, please.' });
    await operator.waitFor('message', (f) => f.message.conversationId === conv.id && f.message.body === '(From lee@customer.example)\n\nFor 20 seats, please.');
  });

  it('reads a mail sent as HTML only (Outlook), its quoted block trimmed', async () => {
    const conv = await mailToInbox('ivy@customer.example', 'Invoice', 'Where is my invoice?');
    await follow(conv.id);
    const t = await ensureThread(s.app.ctx.db, { workspaceId, conversationId: conv.id, email: 'ivy@customer.example', now: Date.now() });
    await smtp.sendMail({
      from: 'ivy@customer.example',
      to: replyAddress(t, 'reply.shop.example'),
      subject: 'RE: Invoice',
      html: '<div>Found it, <b>thanks</b>!</div><div><br></div><hr><div><b>From:</b> Support &lt;support@shop.example&gt;<br><b>Sent:</b> Monday<br>Here is your invoice.</div>',
    });
    await operator.waitFor('message', (f) => f.message.conversationId === conv.id && f.message.body === 'Found it, thanks!');
  });

  it('refuses an unknown recipient at RCPT with 550, and an unknown reply token too', async () => {
    const unknown = smtp.sendMail({ from: 'dan@customer.example', to: 'nobody@shop.example', subject: 'Hi', text: 'Hello?' });
    await expect(unknown).rejects.toMatchObject({ responseCode: 550 });
    const forged = smtp.sendMail({ from: 'dan@customer.example', to: replyAddress('0'.repeat(32), 'reply.shop.example'), subject: 'Hi', text: 'Hello?' });
    await expect(forged).rejects.toMatchObject({ responseCode: 550 });
  });

  it('refuses mail without a sender and mail over the size limit, and keeps running', async () => {
    const noFrom = smtp.sendMail({ envelope: { from: 'x@customer.example', to: INBOX_ADDRESS }, raw: `To: ${INBOX_ADDRESS}\r\nSubject: Who\r\n\r\nHello\r\n` });
    await expect(noFrom).rejects.toMatchObject({ responseCode: 550, response: expect.stringContaining('no sender address') });
    const big = smtp.sendMail({ from: 'erin@customer.example', to: INBOX_ADDRESS, subject: 'Big', text: 'x'.repeat(300 * 1024) });
    await expect(big).rejects.toMatchObject({ responseCode: 552 });
    await mailToInbox('erin@customer.example', 'Small', 'Still here?');
  });
});

describe('automatic replies and the rate', () => {
  it('drops an out-of-office answer to a reply address: the resolved conversation stays resolved', async () => {
    const conv = await mailToInbox('gina@customer.example', 'Opening hours', 'When are you open?');
    const t = await ensureThread(s.app.ctx.db, { workspaceId, conversationId: conv.id, email: 'gina@customer.example', now: Date.now() });
    await s.app.ctx.db.updateTable('conversations').set({ status: 'resolved' }).where('id', '=', conv.id).execute();
    await smtp.sendMail({
      from: 'gina@customer.example',
      to: replyAddress(t, 'reply.shop.example'),
      subject: 'Out of office: Re: Opening hours',
      text: 'I am away until Monday.',
      headers: { 'Auto-Submitted': 'auto-replied' },
    });
    const rows = await s.app.ctx.db.selectFrom('messages').select('body').where('conversation_id', '=', conv.id).execute();
    expect(rows.map((r) => r.body)).toEqual(['Opening hours\n\nWhen are you open?']);
    const after = await s.app.ctx.db.selectFrom('conversations').select('status').where('id', '=', conv.id).executeTakeFirstOrThrow();
    expect(after.status).toBe('resolved');
  });

  it('drops mail from its own addresses (no loop between two inboxes)', async () => {
    const r = await smtp.sendMail({ from: INBOX_ADDRESS, to: INBOX_ADDRESS, subject: 'Loop', text: 'Round and round' });
    expect(r.response).toContain('250 Dropped');
    const rows = await s.app.ctx.db.selectFrom('messages').select('id').where('body', 'like', 'Loop%').execute();
    expect(rows).toEqual([]);
  });

  it('counts mails per sending address, also within one connection', async () => {
    const strict = await startTestServer({ env: { INBOUND_SMTP: 'on', INBOUND_SMTP_PORT: '0', INBOUND_SMTP_HOST: '127.0.0.1', INBOUND_RATE_LIMIT: '2' } });
    try {
      const t = await login(strict.url);
      await api(strict.url, '/api/v1/email/inboxes', { token: t, body: { name: 'Mail', address: INBOX_ADDRESS } });
      const pooled = nodemailer.createTransport({
        host: '127.0.0.1',
        port: strict.app.smtp!.port!,
        secure: false,
        ignoreTLS: true,
        pool: true,
        maxConnections: 1,
      });
      const send = (i: number) => pooled.sendMail({ from: 'hal@customer.example', to: INBOX_ADDRESS, subject: `Mail ${i}`, text: 'Hello' });
      const results = await Promise.allSettled([send(1), send(2), send(3)]);
      pooled.close();
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected']);
      expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ responseCode: 421 });
    } finally {
      await strict.close();
    }
  });
});

describe('the relay endpoint', () => {
  const raw = (id: string) =>
    Buffer.from(
      [
        'From: Frank <frank@customer.example>',
        `To: ${INBOX_ADDRESS}`,
        'Subject: Through the relay',
        `Message-ID: <${id}@customer.example>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Posted by Postfix.',
        '',
      ].join('\r\n'),
    );
  const post = (body: Buffer, headers: Record<string, string>) =>
    fetch(`${s.url}/api/v1/email/inbound`, { method: 'POST', headers: { 'content-type': 'message/rfc822', ...headers }, body: new Uint8Array(body) });

  it('takes raw mail with the workspace relay secret only', async () => {
    expect((await post(raw('r1'), {})).status).toBe(401);
    expect((await post(raw('r1'), { authorization: 'Bearer sbr_wrong' })).status).toBe(401);
    const made = await api<{ secret: string }>(s.url, '/api/v1/email/relay/secret', { token, body: {} });
    expect(made.status).toBe(201);
    expect(made.body.secret).toMatch(/^sbr_/);
    const status = await api<{ secretSetAt: number | null }>(s.url, '/api/v1/email/relay', { token });
    expect(status.body.secretSetAt).toEqual(expect.any(Number));
    expect(JSON.stringify(status.body)).not.toContain(made.body.secret);

    const auth = { authorization: `Bearer ${made.body.secret}` };
    const ok = await post(raw('r1'), auth);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { status: string; conversationId: string };
    expect(body.status).toBe('stored');
    const conv = await s.app.ctx.db.selectFrom('conversations').selectAll().where('id', '=', body.conversationId).executeTakeFirstOrThrow();
    expect(conv.inbox_id).toBe(emailInboxId);
    const again = await post(raw('r1'), auth);
    expect(((await again.json()) as { status: string }).status).toBe('duplicate');

    // A relay gives no envelope: the reply address in To (or Delivered-To) names the conversation.
    const t = await ensureThread(s.app.ctx.db, { workspaceId, conversationId: body.conversationId, email: 'frank@customer.example', now: Date.now() });
    const reply = Buffer.from(
      raw('r3')
        .toString()
        .replace(`To: ${INBOX_ADDRESS}`, `To: ${replyAddress(t, 'reply.shop.example')}`)
        .replace('Posted by Postfix.', 'A reply through the relay.'),
    );
    const threaded = (await (await post(reply, auth)).json()) as { status: string; conversationId: string };
    expect(threaded).toMatchObject({ status: 'stored', conversationId: body.conversationId });

    // A list or an alias in To: the relay's Delivered-To says which address the mail reached.
    const delivered = Buffer.from(
      `Delivered-To: ${replyAddress(t, 'reply.shop.example')}\r\n${raw('r5')
        .toString()
        .replace(`To: ${INBOX_ADDRESS}`, 'To: team@customer.example')
        .replace('Posted by Postfix.', 'Delivered to the reply address.')}`,
    );
    const byDelivered = (await (await post(delivered, auth)).json()) as { status: string; conversationId: string };
    expect(byDelivered).toMatchObject({ status: 'stored', conversationId: body.conversationId });

    // Bad mail gets a clear refusal, and the server goes on.
    const garbage = await post(Buffer.from([0, 1, 2, 255, 254, 13, 10, 13, 10, 7]), auth);
    expect(garbage.status).toBe(400);
    expect(((await garbage.json()) as { error: { message: string } }).error.message).toMatch(/sender/);
    const huge = await post(Buffer.concat([raw('r4'), Buffer.alloc(300 * 1024, 0x61)]), auth);
    expect(huge.status).toBe(413);

    const json = await fetch(`${s.url}/api/v1/email/inbound`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{}' });
    expect(json.status).toBe(415);
    const nowhere = await post(Buffer.from(raw('r2').toString().replace(`To: ${INBOX_ADDRESS}`, 'To: else@shop.example')), auth);
    expect(nowhere.status).toBe(400);
    expect(((await nowhere.json()) as { error: { message: string } }).error.message).toMatch(/No email inbox/);
  });
});

describe('an email inbox is an inbox like the others', () => {
  it('gives its conversations the inbox SLA policy', async () => {
    const policy = await api<{ id: string }>(s.url, '/api/v1/sla-policies', { token, body: { name: 'Mail SLA', firstResponseSeconds: 3600 } });
    expect(policy.status).toBe(201);
    const set = await api(s.url, `/api/v1/inboxes/${emailInboxId}/sla-policy`, { method: 'PUT', token, body: { policyId: policy.body.id } });
    expect(set.status).toBeLessThan(300);
    const conv = await mailToInbox('jan@customer.example', 'Warranty', 'Is it still under warranty?');
    const frame = await operator.waitFor('conversation', (f) => f.conversation.id === conv.id && typeof f.conversation.slaDueAt === 'number');
    expect(frame.conversation.slaDueAt).toBeGreaterThan(Date.now() + 3500_000);
  });
});

describe('the inbound settings', () => {
  it('keep the listener off unless asked, on port 2525 by default', () => {
    expect(loadConfig({}).inboundSmtp).toBeNull();
    expect(loadConfig({ INBOUND_SMTP: 'on' }).inboundSmtp).toEqual({ port: 2525, host: '0.0.0.0', tls: null });
    expect(loadConfig({}).inboundMaxBytes).toBe(25 * 1024 * 1024);
    expect(() => loadConfig({ INBOUND_SMTP: 'yes please' })).toThrow(/INBOUND_SMTP/);
  });
});

describe('trimming replies', () => {
  it('Gmail: "On … wrote:" wrapped over two lines, and the quote after it', () => {
    const text = [
      'Thanks, that fixed it!',
      '',
      'Ann',
      '',
      'On Mon, Dec 7, 2026 at 10:02 AM Switchboard Support <',
      'reply+0123456789abcdef0123456789abcdef@reply.shop.example> wrote:',
      '',
      '> Please try clearing the cache.',
      '>',
    ].join('\n');
    expect(trimReply(text)).toBe('Thanks, that fixed it!\n\nAnn');
  });

  it('Outlook: the rule, the From/Sent block and everything after', () => {
    const text = [
      'Yes, Thursday works.',
      '',
      'Best regards',
      '',
      '________________________________',
      'From: Switchboard Support <support@shop.example>',
      'Sent: Monday, December 7, 2026 10:02 AM',
      'To: Bob <bob@customer.example>',
      'Subject: Re: Delivery',
      '',
      'Would Thursday work for the delivery?',
    ].join('\r\n');
    expect(trimReply(text)).toBe('Yes, Thursday works.\n\nBest regards');
  });

  it('Outlook in HTML only, as the mail parser turns it into text', () => {
    const text = `Thanks a lot!\n\n\n\n${'-'.repeat(80)}\n\nFrom: Support <s@shop.example>\nSent: Monday\nOlder words`;
    expect(trimReply(text)).toBe('Thanks a lot!');
  });

  it('Apple Mail: "On 7 Dec 2026, at 10:02, … wrote:" and "Sent from my iPhone"', () => {
    const text = [
      'Perfect, see you then',
      '',
      'Sent from my iPhone',
      '',
      '> On 7 Dec 2026, at 10:02, Switchboard Support <support@shop.example> wrote:',
      '> ',
      '> See you at 3pm.',
    ].join('\n');
    expect(trimReply(text)).toBe('Perfect, see you then');
  });

  it('what phones and mail apps sign with', () => {
    for (const line of ['Sent from my Samsung Galaxy smartphone.', 'Sent from Yahoo Mail on Android', 'Get Outlook for iOS', 'Von meinem iPhone gesendet']) {
      expect(trimReply(`Yes please.\n\n${line}\n`)).toBe('Yes please.');
    }
    // Words that merely start alike stay.
    expect(trimReply('Sent from my office, the parcel should arrive Monday.')).toBe('Sent from my office, the parcel should arrive Monday.');
  });

  it('a signature after "-- ", inline quotes, and a mail that is only a forward is kept whole', () => {
    expect(trimReply('> what size?\nLarge please.\n\n-- \nCarol Jones\nACME Ltd')).toBe('Large please.');
    const forward = '---------- Forwarded message ---------\nFrom: Someone <s@example.com>\nDate: Mon\n\nOriginal words';
    expect(trimReply(forward)).toBe(forward);
  });
});
