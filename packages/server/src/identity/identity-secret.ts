/**
 * The inbox's identity secret: made or replaced by an admin, answered once
 * (in the answer to that request) and never again: inbox answers only say
 * whether one is set and since when. Replacing it ends at once every
 * verification made with the old one: hashes made with it no longer verify,
 * and visitors verified through the inbox are unverified until their page
 * identifies them again with a hash made with the new secret.
 */
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { findInbox } from '../inbox/inbox.repository.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { newIdentitySecret } from './identity.js';
import { endInboxVerifications, storeIdentitySecret } from './identity.repository.js';

export interface NewIdentitySecret {
  secret: string;
  createdAt: number;
  /** Visitors whose verification ended with the old secret. */
  unverifiedVisitors: number;
}

export async function rotateIdentitySecret(ctx: Context, actor: Operator, inboxId: string): Promise<NewIdentitySecret> {
  authorize(actor, 'inbox.manage');
  const now = ctx.now();
  const secret = newIdentitySecret();
  const ended = await ctx.db.transaction().execute(async (trx) => {
    if (!(await findInbox(trx, actor.workspaceId, inboxId))) throw notFound('Inbox');
    await storeIdentitySecret(trx, actor.workspaceId, inboxId, secret, now);
    return endInboxVerifications(trx, inboxId);
  });
  ctx.log.info({ inboxId, operatorId: actor.id, unverifiedVisitors: ended.length }, 'identity secret replaced');
  if (ended.length > 0) {
    ctx.events.emit({ type: 'visitor.identified', workspaceId: actor.workspaceId, visitors: ended.map((visitorId) => ({ visitorId, verified: false })) });
  }
  return { secret, createdAt: now, unverifiedVisitors: ended.length };
}
