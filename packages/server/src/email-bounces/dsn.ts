/**
 * Reading a delivery status notification (RFC 3464): a multipart/report
 * with report-type=delivery-status, whose message/delivery-status part says
 * per recipient what happened (Action failed, delayed, delivered...; Status
 * 5.1.1; Diagnostic-Code "smtp; 550 5.1.1 User unknown"), and whose
 * message/rfc822 or text/rfc822-headers part quotes the mail it reports on.
 * mailparser folds the report into the text, so the parts are read from the
 * raw mail here: only the top level of the report, never more than it needs.
 */
import type { ParsedMail } from 'mailparser';
import { headerIds } from '../email/email-thread.js';

export interface DsnRecipient {
  /** Final-Recipient (else Original-Recipient), lower case, without the "rfc822;" type. */
  recipient: string | null;
  /** 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded' (lower case). */
  action: string;
  status: string | null;
  diagnostic: string | null;
}

export interface DeliveryReport {
  recipients: DsnRecipient[];
  /** The Message-ID of the mail reported on (without angle brackets), when the report quotes its headers. */
  originalMessageId: string | null;
}

/** Whether the mail is a delivery status notification by its Content-Type. */
export function isDeliveryReport(mail: ParsedMail): boolean {
  const ct = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  return ct?.value?.toLowerCase() === 'multipart/report' && ct.params?.['report-type']?.toLowerCase() === 'delivery-status';
}

/** "Name: value" fields of a header block (folded lines joined), names in lower case; each block separated by a blank line. */
function fieldBlocks(text: string): Map<string, string>[] {
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => {
      const fields = new Map<string, string>();
      for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
        const m = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
        if (m && !fields.has(m[1]!.toLowerCase())) fields.set(m[1]!.toLowerCase(), m[2]!.trim());
      }
      return fields;
    })
    .filter((f) => f.size > 0);
}

/** The parts of the report's top level: their Content-Type (lower case, without parameters) and decoded body. */
function partsOf(raw: string, boundary: string): { type: string; body: string }[] {
  const delimiter = `--${boundary}`;
  const pieces = raw.split(delimiter).slice(1);
  const parts: { type: string; body: string }[] = [];
  for (const piece of pieces) {
    if (piece.startsWith('--')) break;
    const text = piece.replace(/^[ \t]*\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(text);
    const head = split ? text.slice(0, split.index) : text;
    let body = split ? text.slice(split.index + split[0].length) : '';
    const headers = fieldBlocks(head)[0] ?? new Map<string, string>();
    const type = (headers.get('content-type') ?? 'text/plain').split(';')[0]!.trim().toLowerCase();
    const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
    if (encoding === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
    else if (encoding === 'quoted-printable')
      body = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
    parts.push({ type, body });
  }
  return parts;
}

/** "rfc822; maya@example.com" → "maya@example.com"; "smtp; 550 ..." → "550 ...". */
const typed = (v: string | undefined): string | null => {
  if (!v) return null;
  const value = v.includes(';') ? v.slice(v.indexOf(';') + 1) : v;
  return value.replace(/\s+/g, ' ').trim() || null;
};

/** The report of a DSN, or null when the mail is none (or names no recipient). */
export function readDeliveryReport(mail: ParsedMail, raw: Buffer): DeliveryReport | null {
  if (!isDeliveryReport(mail)) return null;
  const boundary = (mail.headers.get('content-type') as { params?: Record<string, string> }).params?.boundary;
  if (!boundary) return null;
  // The report is ASCII; latin1 keeps every byte as one character.
  const parts = partsOf(raw.toString('latin1'), boundary);
  const status = parts.find((p) => p.type === 'message/delivery-status' || p.type === 'message/global-delivery-status');
  if (!status) return null;
  // The first block is about the message (Reporting-MTA...), each next one about a recipient.
  const recipients = fieldBlocks(status.body)
    .filter((f) => f.has('action'))
    .map((f) => ({
      recipient: typed(f.get('final-recipient') ?? f.get('original-recipient'))?.toLowerCase() ?? null,
      action: (f.get('action') ?? '').toLowerCase().split(/\s/)[0] ?? '',
      status: f.get('status')?.split(/\s/)[0] ?? null,
      diagnostic: typed(f.get('diagnostic-code')),
    }));
  if (recipients.length === 0) return null;
  const quoted = parts.find((p) => ['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers'].includes(p.type));
  const originalHeaders = quoted ? fieldBlocks(quoted.body.replace(/^\s+/, ''))[0] : undefined;
  const quotedId = originalHeaders?.get('message-id');
  // Angle brackets are required, but some programs leave them out.
  const originalMessageId = headerIds(quotedId)[0] ?? (quotedId?.replace(/[<>\s]/g, '') || null);
  return { recipients, originalMessageId };
}

/** Why the mail failed, as the report says: "550 5.1.1 <maya@example.com>: User unknown", the Status first when the text lacks it. */
export function reasonOf(r: DsnRecipient): string {
  const diagnostic = r.diagnostic ?? '';
  const text = r.status && !diagnostic.includes(r.status) ? `${r.status} ${diagnostic}`.trim() : diagnostic || (r.status ?? 'no reason given');
  return text.slice(0, 480);
}
