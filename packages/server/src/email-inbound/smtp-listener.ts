/**
 * Switchboard's own SMTP listener (INBOUND_SMTP=on): the MX of the reply
 * domain and of the email inboxes' addresses. It takes mail only for
 * addresses it knows (refusing the others at RCPT with 550, so senders get a
 * bounce at once), with no sign-in (it receives, never relays), a size limit
 * announced by SIZE and enforced while reading, and a rate per sending
 * address. Each mail goes to receiveMail; what it refuses is answered with
 * its reason, and an unexpected failure with 451 (the sender tries again).
 * With a certificate and key (INBOUND_SMTP_TLS_CERT, INBOUND_SMTP_TLS_KEY)
 * it offers STARTTLS; senders choose whether to use it.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { addressLimiter } from '../http/ip-limit.js';
import { receiveMail } from './receive-mail.js';
import { findRecipient } from './recipients.js';

export interface InboundSmtp {
  /** Starts listening; resolves with the port (INBOUND_SMTP_PORT=0 picks a free one). */
  listen(): Promise<number>;
  close(): Promise<void>;
}

const smtpError = (code: number, message: string) => Object.assign(new Error(message), { responseCode: code });

/** The mail's bytes; past the limit the rest is read and dropped (never held in memory), and the size check refuses it. */
function read(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (c: Buffer) => {
      size += c.byteLength;
      if (size <= maxBytes) chunks.push(c);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export function createInboundSmtp(ctx: Context, opts: { port: number; host: string; tls?: { cert: Buffer; key: Buffer } | null }): InboundSmtp {
  const limit = addressLimiter(ctx.config.inboundRateLimit, 0.5);
  const maxBytes = ctx.config.inboundMaxBytes;
  const server = new SMTPServer({
    name: ctx.config.publicUrl ? new URL(ctx.config.publicUrl).hostname : undefined,
    banner: 'Switchboard',
    // Receiving only: no sign-in to offer; STARTTLS only with a certificate of its own (never smtp-server's built-in one).
    authOptional: true,
    disabledCommands: opts.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(opts.tls ? { cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2' as const } : {}),
    size: maxBytes,
    maxClients: 100,
    socketTimeout: 60_000,
    // Shutting down waits this long at most for senders still connected.
    closeTimeout: 5_000,
    logger: false,
    // Counted per mail, not per connection: one connection may carry many.
    onMailFrom(_address, session: SMTPServerSession, callback) {
      if (!limit.take(session.remoteAddress)) return callback(smtpError(421, '4.7.0 Too many mails from your address; try again later'));
      callback();
    },
    onRcptTo(address, session: SMTPServerSession, callback) {
      if (session.envelope.rcptTo.length >= 50) return callback(smtpError(452, 'Too many recipients'));
      findRecipient(ctx.db, address.address).then(
        (found) => (found ? callback() : callback(smtpError(550, `5.1.1 <${address.address}>: no such mailbox here`))),
        (err) => {
          ctx.log.error({ err }, 'inbound smtp: recipient lookup failed');
          callback(smtpError(451, 'Try again later'));
        },
      );
    },
    onData(stream, session: SMTPServerSession, callback) {
      read(stream, maxBytes)
        .then(async (raw) => {
          if (stream.sizeExceeded) throw new AppError('too_large', `Mail is limited to ${Math.floor(maxBytes / 1024 / 1024)} MB`);
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          const sender = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          return receiveMail(ctx, { raw, recipients, sender });
        })
        .then(
          (r) =>
            callback(
              null,
              r.status === 'stored'
                ? 'Received'
                : r.status === 'duplicate'
                  ? 'Already received'
                  : r.status === 'bounce'
                    ? 'Delivery report taken'
                    : 'Dropped: an automatic reply, or mail from one of our own addresses',
            ),
          (err: unknown) => {
            if (err instanceof AppError && err.status < 500) return callback(smtpError(err.code === 'too_large' ? 552 : 550, err.message));
            ctx.log.error({ err }, 'inbound smtp: could not store a mail');
            callback(smtpError(451, 'Could not store the mail; try again later'));
          },
        );
    },
  });
  server.on('error', (err) => ctx.log.warn({ err }, 'inbound smtp: connection error'));
  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.server.once('error', reject);
        server.listen(opts.port, opts.host, () => resolve((server.server.address() as AddressInfo).port));
      }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
