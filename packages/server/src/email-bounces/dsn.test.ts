import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { readDeliveryReport, reasonOf } from './dsn.js';

const read = async (raw: string) => readDeliveryReport(await simpleParser(Buffer.from(raw)), Buffer.from(raw));

const report = (parts: string[], type = 'multipart/report; report-type=delivery-status; boundary="XX"') =>
  [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.org>',
    'To: bounce+0123456789abcdef0123456789abcdef@reply.shop.test',
    'Subject: Delivery Status Notification (Failure)',
    'MIME-Version: 1.0',
    `Content-Type: ${type}`,
    '',
    ...parts.flatMap((p) => ['--XX', p]),
    '--XX--',
    '',
  ].join('\r\n');

describe('reading a delivery status notification', () => {
  it('reads each recipient’s action, status and folded diagnostic, and the Message-ID of the whole returned mail', async () => {
    const r = await read(
      report([
        'Content-Type: text/plain\r\n\r\nDelivery to the following recipients failed.\r\n',
        [
          'Content-Type: message/delivery-status',
          '',
          'Reporting-MTA: dns;mail.example.com',
          '',
          'Final-Recipient: rfc822;ok@example.com',
          'Action: delivered',
          'Status: 2.0.0',
          '',
          'Original-Recipient: rfc822;Gone@Example.com',
          'Action: failed',
          'Status: 5.1.10',
          'Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound;',
          '  Recipient not found by SMTP address lookup',
          '',
        ].join('\r\n'),
        [
          'Content-Type: message/rfc822',
          '',
          'From: Shop Support <support@shop.test>',
          'Message-ID:',
          ' <01J9ZK.abc123@reply.shop.test>',
          'Subject: Re: Your order',
          'Content-Type: text/plain',
          '',
          'Message-ID: <not-this-one@body.example>',
          '',
        ].join('\r\n'),
      ]),
    );
    expect(r?.originalMessageId).toBe('01J9ZK.abc123@reply.shop.test');
    expect(r?.recipients).toEqual([
      { recipient: 'ok@example.com', action: 'delivered', status: '2.0.0', diagnostic: null },
      {
        recipient: 'gone@example.com',
        action: 'failed',
        status: '5.1.10',
        diagnostic: '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
      },
    ]);
    expect(reasonOf(r!.recipients[1]!)).toBe('550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup');
  });

  it('decodes a base64 report part, and puts the Status first when the diagnostic lacks it', async () => {
    const status = Buffer.from(
      'Reporting-MTA: dns; mx.example.org\r\n\r\nFinal-Recipient: rfc822; a@example.com\r\nAction: failed\r\nStatus: 5.2.2\r\nDiagnostic-Code: smtp; 552 Mailbox full\r\n',
    ).toString('base64');
    const r = await read(report([`Content-Type: message/delivery-status\r\nContent-Transfer-Encoding: base64\r\n\r\n${status}\r\n`]));
    expect(r?.recipients).toEqual([{ recipient: 'a@example.com', action: 'failed', status: '5.2.2', diagnostic: '552 Mailbox full' }]);
    expect(r?.originalMessageId).toBeNull();
    expect(reasonOf(r!.recipients[0]!)).toBe('5.2.2 552 Mailbox full');
    expect(reasonOf({ recipient: null, action: 'failed', status: '5.0.0', diagnostic: null })).toBe('5.0.0');
  });

  it('is null for other mail: another report type, a report without a status part, a plain mail', async () => {
    const status = 'Content-Type: message/delivery-status\r\n\r\nFinal-Recipient: rfc822; a@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n';
    expect(await read(report([status], 'multipart/report; report-type=disposition-notification; boundary="XX"'))).toBeNull();
    expect(await read(report(['Content-Type: text/plain\r\n\r\nHello\r\n']))).toBeNull();
    expect(await read(report([status], 'multipart/mixed; boundary="XX"'))).toBeNull();
    expect(await read('From: a@example.com\r\nTo: b@example.com\r\nSubject: Hi\r\n\r\nAction: failed\r\n')).toBeNull();
    expect(await read(report([status]))).toMatchObject({ recipients: [{ action: 'failed', status: '5.1.1' }], originalMessageId: null });
    const bare = await read(report([status, 'Content-Type: text/rfc822-headers\r\n\r\nMessage-ID: bare.1@reply.shop.test\r\n']));
    expect(bare?.originalMessageId).toBe('bare.1@reply.shop.test');
  });
});
