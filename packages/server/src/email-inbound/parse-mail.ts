/**
 * Reading a raw mail: the parsed message (mailparser, HTML turned into text
 * when there is no text part), the addresses it was sent to as its headers
 * say (for the relay, which gives no envelope), and whether a program rather
 * than a person wrote it.
 */
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { AppError } from '../errors.js';

export async function parseMail(raw: Buffer, maxBytes: number): Promise<ParsedMail> {
  if (raw.byteLength > maxBytes) throw new AppError('too_large', `Mail is limited to ${Math.floor(maxBytes / 1024 / 1024)} MB`);
  try {
    return await simpleParser(raw, { skipHtmlToText: false, skipTextLinks: true });
  } catch (err) {
    throw new AppError('bad_request', 'The mail could not be read', { cause: err });
  }
}

const isAddressObject = (v: unknown): v is AddressObject => !!v && typeof v === 'object' && Array.isArray((v as AddressObject).value);

/** The addresses of a header, whether the parser made it an address list or left it a string. */
function addressesOf(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((v) => {
    if (typeof v === 'string') return v.split(',').map((a) => (/<([^<>]+)>/.exec(a)?.[1] ?? a).trim());
    return isAddressObject(v) ? v.value.flatMap((a) => (a.address ? [a.address] : [])) : [];
  });
}

/** Where the mail was delivered (what relays add) first, then To and Cc. */
export function headerAddresses(mail: ParsedMail): string[] {
  const delivered = ['delivered-to', 'x-original-to', 'envelope-to'].flatMap((h) => addressesOf(mail.headers.get(h)));
  return [...delivered, ...addressesOf(mail.to), ...addressesOf(mail.cc)].filter(Boolean);
}

/** Out-of-office answers and the like (RFC 3834 and what programs wrote before it): they must not reopen conversations. */
export function isAutomatic(mail: ParsedMail): boolean {
  const h = (name: string) => {
    const v = mail.headers.get(name);
    return typeof v === 'string' ? v.trim().toLowerCase() : v && typeof v === 'object' && 'value' in v ? String(v.value).toLowerCase() : '';
  };
  const auto = h('auto-submitted');
  if (auto && auto !== 'no') return true;
  if (['bulk', 'auto_reply', 'junk'].includes(h('precedence'))) return true;
  return mail.headers.has('x-autoreply') || mail.headers.has('x-autorespond');
}

/**
 * A mail system's own notice rather than a person's mail: sent from the null sender (RFC 5321 4.5.5: the envelope's
 * `MAIL FROM:<>`, or `Return-Path: <>` as a relay writes it), or from MAILER-DAEMON. Bounces that are not RFC 3464
 * reports look like this; they must not become messages either.
 */
export function isFromMailSystem(mail: ParsedMail, envelopeSender?: string | null): boolean {
  if (envelopeSender === '') return true;
  const rp = mail.headers.get('return-path');
  if (typeof rp === 'string' ? /^\s*<\s*>\s*$/.test(rp) : isAddressObject(rp) && rp.value.every((a) => !a.address)) return true;
  return (mail.from?.value ?? []).some((a) => /^mailer-daemon@/i.test(a.address ?? ''));
}
