/**
 * A delivery status notification (RFC 3464) as Postfix writes it, for tests
 * of bounces: multipart/report with a text/plain explanation, the
 * message/delivery-status report (Diagnostic-Code folded as Postfix folds it)
 * and, when given, the returned mail's headers (text/rfc822-headers).
 */
export function postfixDsn(p: {
  /** The returned mail's From (in its quoted headers). */
  from: string;
  to: string;
  recipient: string;
  action: 'failed' | 'delayed';
  status: string;
  diagnostic: string;
  original?: { messageId: string; subject: string } | null;
  /** Exchange and others leave Auto-Submitted out: the report alone must keep it out of the conversations. */
  autoSubmitted?: boolean;
  /** What a relay adds: the address the report was delivered to. */
  deliveredTo?: string;
}): string {
  const boundary = '3E2A61C0A12.1765012345/mx.example.org';
  const dsnId = `20261206093000.${Math.random().toString(36).slice(2, 12)}@mx.example.org`;
  const lines = [
    ...(p.deliveredTo ? [`Delivered-To: ${p.deliveredTo}`] : []),
    'Return-Path: <>',
    'Received: by mx.example.org (Postfix) id 3E2A61C0A12; Sun,  6 Dec 2026 09:30:00 +0000 (UTC)',
    'Date: Sun,  6 Dec 2026 09:30:00 +0000 (UTC)',
    'From: MAILER-DAEMON@mx.example.org (Mail Delivery System)',
    `Subject: ${p.action === 'failed' ? 'Undelivered Mail Returned to Sender' : 'Delayed Mail (still being retried)'}`,
    `To: ${p.to}`,
    ...(p.autoSubmitted === false ? [] : ['Auto-Submitted: auto-replied']),
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="${boundary}"`,
    'Content-Transfer-Encoding: 7bit',
    `Message-Id: <${dsnId}>`,
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    'Content-Description: Notification',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mx.example.org.',
    '',
    p.action === 'failed'
      ? "I'm sorry to have to inform you that your message could not\r\nbe delivered to one or more recipients. It's attached below."
      : 'Your message could not be delivered for 4.0 hours.\r\nIt will be retried until it is 5.0 days old.',
    '',
    `<${p.recipient}>: host mail.example.com[203.0.113.7] said: ${p.diagnostic}`,
    '',
    `--${boundary}`,
    'Content-Description: Delivery report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.example.org',
    'X-Postfix-Queue-ID: 3E2A61C0A12',
    'X-Postfix-Sender: rfc822; bounce@example.org',
    'Arrival-Date: Sun,  6 Dec 2026 09:29:58 +0000 (UTC)',
    '',
    `Final-Recipient: rfc822; ${p.recipient}`,
    `Original-Recipient: rfc822;${p.recipient}`,
    `Action: ${p.action}`,
    `Status: ${p.status}`,
    'Remote-MTA: dns; mail.example.com',
    `Diagnostic-Code: smtp; ${p.diagnostic.slice(0, 30)}\r\n    ${p.diagnostic.slice(30)}`,
    '',
  ];
  if (p.original) {
    lines.push(
      `--${boundary}`,
      'Content-Description: Undelivered Message Headers',
      'Content-Type: text/rfc822-headers',
      '',
      'Received: from switchboard (localhost [127.0.0.1]) by mx.example.org (Postfix) with ESMTP id 3E2A61C0A12',
      `From: Shop Support <${p.from}>`,
      `To: ${p.recipient}`,
      `Subject: ${p.original.subject}`,
      `Message-ID: ${p.original.messageId}`,
      'MIME-Version: 1.0',
      '',
    );
  }
  lines.push(`--${boundary}--`, '');
  return lines.join('\r\n');
}
