/**
 * A real SMTP server (smtp-server) on a free port, as the receiving end of
 * Switchboard's outgoing mail in tests: it keeps every mail it accepts,
 * parsed with mailparser, and refuses the recipients it is told to (with the
 * SMTP code given: 550 permanent, 451 temporary).
 */
import { type AddressObject, type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  port: number;
  mails: ParsedMail[];
  /** Whether each mail came over TLS (STARTTLS or TLS from the start), in order. */
  secure: boolean[];
  /** Each mail's envelope sender (MAIL FROM, '' for the null sender), in order. */
  senders: string[];
  /** Recipient (lower case) → the answer to RCPT TO. */
  refuse: Map<string, { code: number; message: string }>;
  /** Envelope senders (MAIL FROM) refused with 553 (a provider that takes only its own account's address). */
  refuseSender: ((address: string) => boolean) | null;
  /** Accepts only this account when set. */
  auth: { user: string; pass: string } | null;
  /** The mails to this address. */
  to(address: string): ParsedMail[];
  close(): Promise<void>;
}

export const addressesOf = (a: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(a) ? a : a ? [a] : []).flatMap((x) => x.value.map((v) => (v.address ?? '').toLowerCase()));

/** `tls`: none (plain only), 'starttls' (offers the upgrade), 'implicit' (TLS from the start); smtp-server's own self-signed certificate. */
export async function startSmtpSink(opts: { tls?: 'none' | 'starttls' | 'implicit' } = {}): Promise<SmtpSink> {
  const tls = opts.tls ?? 'none';
  const sink = {
    mails: [] as ParsedMail[],
    secure: [] as boolean[],
    senders: [] as string[],
    refuse: new Map<string, { code: number; message: string }>(),
    auth: null as SmtpSink['auth'],
    refuseSender: null as SmtpSink['refuseSender'],
  };
  const server = new SMTPServer({
    secure: tls === 'implicit',
    disabledCommands: tls === 'starttls' ? [] : ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, cb) {
      if (sink.auth && (auth.username !== sink.auth.user || auth.password !== sink.auth.pass)) {
        cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
        return;
      }
      cb(null, { user: auth.username });
    },
    onMailFrom(address, _session, cb) {
      if (sink.refuseSender?.(address.address)) {
        cb(Object.assign(new Error('5.7.1 Sender address rejected: not owned by user'), { responseCode: 553 }));
        return;
      }
      cb();
    },
    onRcptTo(address, _session, cb) {
      const no = sink.refuse.get(address.address.toLowerCase());
      if (no) {
        cb(Object.assign(new Error(no.message), { responseCode: no.code }));
        return;
      }
      cb();
    },
    onData(stream, session, cb) {
      simpleParser(stream)
        .then((mail) => {
          sink.mails.push(mail);
          sink.secure.push(session.secure);
          sink.senders.push(session.envelope.mailFrom ? session.envelope.mailFrom.address : '');
          cb();
        })
        .catch((err: Error) => cb(err));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return Object.assign(sink, {
    port,
    to: (address: string) => sink.mails.filter((m) => addressesOf(m.to).includes(address.toLowerCase())),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
