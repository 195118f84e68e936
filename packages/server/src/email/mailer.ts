/**
 * Talking to the workspace's SMTP server (nodemailer), and reading its
 * refusals: a 5xx answer is permanent (the server will never take this mail),
 * anything else (a 4xx, a connection that failed or timed out) may pass later.
 */
import nodemailer from 'nodemailer';
import type { EmailSettingsRow } from './email-settings.js';

export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  replyTo?: string | undefined;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo?: string | undefined;
  references?: string[] | undefined;
  /** The envelope sender (MAIL FROM, the Return-Path the recipient's server writes): where bounces go. The From address when not given. */
  envelopeFrom?: string | undefined;
}

export interface MailFailure {
  permanent: boolean;
  /** What the server said (or why the connection failed), without secrets. */
  reason: string;
}

const defaultPort = (security: string) => (security === 'tls' ? 465 : security === 'none' ? 25 : 587);

function transportOf(s: EmailSettingsRow) {
  const security = s.smtp_security;
  return nodemailer.createTransport({
    host: s.smtp_host ?? 'localhost',
    port: s.smtp_port ?? defaultPort(security),
    secure: security === 'tls',
    requireTLS: security === 'starttls',
    ignoreTLS: security === 'none',
    auth: s.smtp_user ? { user: s.smtp_user, pass: s.smtp_password ?? '' } : undefined,
    connectionTimeout: 20_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // A local test server's self-signed certificate is accepted only in tests.
    tls: process.env.NODE_ENV === 'test' ? { rejectUnauthorized: false } : undefined,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}

/**
 * Sends one mail; resolves with null when the server took it, else with why not. A server that refuses the bounce
 * address as envelope sender (some providers take only the signed-in account's) gets the mail again at once with the
 * From address as sender: bounces then go there.
 */
export async function deliver(s: EmailSettingsRow, mail: OutgoingMail): Promise<MailFailure | null> {
  const failure = await deliverOnce(s, mail);
  if (failure?.senderRefused && mail.envelopeFrom) return deliverOnce(s, { ...mail, envelopeFrom: undefined });
  return failure;
}

async function deliverOnce(s: EmailSettingsRow, mail: OutgoingMail): Promise<(MailFailure & { senderRefused?: boolean }) | null> {
  const transport = transportOf(s);
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      replyTo: mail.replyTo,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.messageId}>`,
      inReplyTo: mail.inReplyTo ? `<${mail.inReplyTo}>` : undefined,
      references: mail.references?.length ? mail.references.map((id) => `<${id}>`) : undefined,
      envelope: mail.envelopeFrom ? { from: mail.envelopeFrom, to: mail.to } : undefined,
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return null;
  } catch (err) {
    const e = err as { command?: string; responseCode?: number };
    return { ...failureOf(err, s), senderRefused: !!e.responseCode && e.responseCode >= 500 && /^MAIL\b/i.test(e.command ?? '') };
  } finally {
    transport.close();
  }
}

export function failureOf(err: unknown, s?: EmailSettingsRow): MailFailure {
  const e = err as { responseCode?: number; response?: string; code?: string; message?: string; command?: string };
  const code = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  let reason = (e.response ?? e.message ?? String(err)).replace(/\s+/g, ' ').trim();
  // Never repeat the account's password, whatever the server or library said.
  if (s?.smtp_password) reason = reason.split(s.smtp_password).join('***');
  if (!e.response && e.code && !reason.includes(e.code)) reason = `${e.code}: ${reason}`;
  // Which step the server refused says most: "550 ... (RCPT TO)", "500 ... (STARTTLS)".
  const step = e.command?.split(' ')[0]?.replace(/:.*/, '');
  if (e.response && step && !/^(DATA|\.)$/.test(step)) reason = `${reason} (${e.command?.startsWith('RCPT') ? 'RCPT TO' : step})`;
  return { permanent: code !== undefined && code >= 500 && code < 600, reason: reason.slice(0, 500) };
}
