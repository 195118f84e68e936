/**
 * "Require verified identity" (an inbox setting): visitors a valid identity
 * hash did not verify may not start or write in conversations. Checked on
 * every message an unverified visitor sends, so the setting is read through
 * a small cache per app: a change made on this node applies at once, one
 * made on another node within CACHE_MS.
 */
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { findInbox, toInbox } from '../inbox/inbox.repository.js';

const CACHE_MS = 5_000;
const caches = new WeakMap<Context, Map<string, { required: boolean; at: number }>>();

function cacheOf(ctx: Context) {
  let c = caches.get(ctx);
  if (!c) {
    c = new Map();
    caches.set(ctx, c);
  }
  return c;
}

export async function identityRequired(ctx: Context, workspaceId: string, inboxId: string): Promise<boolean> {
  const cache = cacheOf(ctx);
  const now = ctx.now();
  const known = cache.get(inboxId);
  if (known && now - known.at < CACHE_MS) return known.required;
  const row = await findInbox(ctx.db, workspaceId, inboxId);
  const required = row ? toInbox(row).settings.requireVerifiedIdentity : false;
  cache.set(inboxId, { required, at: now });
  return required;
}

/** The inbox's settings changed here: read them afresh next time. */
export function forgetIdentityRequirement(ctx: Context, inboxId: string): void {
  cacheOf(ctx).delete(inboxId);
}

export const IDENTITY_REQUIRED_MESSAGE = 'Sign in on the website to chat: this chat is for signed-in customers only';

/** Refuses (`identity_required`) a visitor who may not write here. */
export async function assertMayWrite(ctx: Context, visitor: { workspaceId: string; inboxId: string; verifiedContactId: string | null }): Promise<void> {
  if (visitor.verifiedContactId !== null) return;
  if (await identityRequired(ctx, visitor.workspaceId, visitor.inboxId)) throw new AppError('identity_required', IDENTITY_REQUIRED_MESSAGE);
}
