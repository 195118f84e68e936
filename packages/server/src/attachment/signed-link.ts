/**
 * Links to a file that work without signing in, for a limited time: what a
 * transcript carries, so its files open after it was saved and the chat is
 * closed. The link names the file and when it stops working, and carries an
 * HMAC of both under a key only the server knows (server_secrets), so it
 * cannot be made for another file or stretched; nothing else in it can be
 * guessed. Whoever holds the transcript holds its files, as with any
 * download link, until it expires.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Context } from '../context.js';
import { serverSecret } from '../secrets/server-secret.js';

/** How long a link in a transcript works. */
export const SIGNED_LINK_TTL_MS = 30 * 24 * 3600_000;

const signingKey = (ctx: Pick<Context, 'db' | 'now'>) => serverSecret(ctx.db, 'attachment-links', ctx.now());

function mac(key: Buffer, attachmentId: string, expires: number): Buffer {
  return createHmac('sha256', key).update(`attachment:${attachmentId}:${expires}`).digest();
}

/** The path (with its query) that downloads the file until `expires` (epoch ms). */
export async function signedAttachmentPath(ctx: Pick<Context, 'db' | 'now'>, attachmentId: string, expires: number): Promise<string> {
  const signature = mac(await signingKey(ctx), attachmentId, expires).toString('base64url');
  return `/api/v1/attachments/${attachmentId}/signed?expires=${expires}&signature=${signature}`;
}

/** Whether the signature was made here for this file and this time, and the time has not passed. */
export async function validSignature(ctx: Pick<Context, 'db' | 'now'>, attachmentId: string, expires: number, signature: string): Promise<boolean> {
  if (!Number.isSafeInteger(expires) || expires < ctx.now()) return false;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(await signingKey(ctx), attachmentId, expires);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
