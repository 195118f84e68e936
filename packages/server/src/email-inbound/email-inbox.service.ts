/**
 * Email inboxes: an inbox of kind 'email' whose address starts conversations
 * by mail (routing, SLAs and rules apply as for a website inbox, since it is
 * an inbox like the others), and the workspace's relay secret.
 */
import { randomBytes } from 'node:crypto';
import type { Context } from '../context.js';
import { badRequest, conflict, notFound } from '../errors.js';
import { hashToken } from '../ids.js';
import { createInboxAs, updateInbox } from '../inbox/inbox.service.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import {
  addressTaken,
  type EmailInboxRow,
  findEmailInbox,
  insertEmailInbox,
  listEmailInboxes as listRows,
  relaySecretSetAt,
  saveRelaySecret,
  setEmailInboxAddress,
} from './email-inbox.repository.js';

/** How addresses are kept and matched: trimmed, lower case. */
export const normalAddress = (address: string): string => address.trim().toLowerCase();

async function checkAddress(ctx: Context, address: string, inboxId?: string): Promise<void> {
  // A reply address reaches a conversation, never an inbox: one of those would shadow the threads.
  if (/^reply\+/i.test(address)) throw badRequest('Addresses starting with reply+ are the conversations’ reply addresses; choose another');
  if (await addressTaken(ctx.db, address, inboxId)) throw conflict('Another email inbox already has this address');
}

export async function createEmailInbox(
  ctx: Context,
  actor: Operator,
  input: { name: string; address: string; defaultTeamId?: string | null | undefined },
): Promise<EmailInboxRow> {
  authorize(actor, 'inbox.manage');
  const address = normalAddress(input.address);
  await checkAddress(ctx, address);
  const inbox = await createInboxAs(ctx, actor, { name: input.name, defaultTeamId: input.defaultTeamId, kind: 'email' });
  try {
    await insertEmailInbox(ctx.db, { inbox_id: inbox.id, workspace_id: actor.workspaceId, address, created_at: ctx.now() });
  } catch (err) {
    // Taken meanwhile by another request: the inbox without an address goes again.
    await ctx.db.deleteFrom('inboxes').where('id', '=', inbox.id).execute();
    if (await addressTaken(ctx.db, address)) throw conflict('Another email inbox already has this address');
    throw err;
  }
  return (await findEmailInbox(ctx.db, actor.workspaceId, inbox.id))!;
}

export async function listEmailInboxes(ctx: Context, actor: Operator): Promise<EmailInboxRow[]> {
  authorize(actor, 'inbox.view');
  return listRows(ctx.db, actor.workspaceId);
}

export async function updateEmailInbox(
  ctx: Context,
  actor: Operator,
  inboxId: string,
  input: { name?: string | undefined; address?: string | undefined; defaultTeamId?: string | null | undefined },
): Promise<EmailInboxRow> {
  authorize(actor, 'inbox.manage');
  const current = await findEmailInbox(ctx.db, actor.workspaceId, inboxId);
  if (!current) throw notFound('Email inbox');
  if (input.address !== undefined) {
    const address = normalAddress(input.address);
    await checkAddress(ctx, address, inboxId);
    await setEmailInboxAddress(ctx.db, actor.workspaceId, inboxId, address);
  }
  if (input.name !== undefined || input.defaultTeamId !== undefined) {
    await updateInbox(ctx, actor, inboxId, { name: input.name, defaultTeamId: input.defaultTeamId });
  }
  return (await findEmailInbox(ctx.db, actor.workspaceId, inboxId))!;
}

/** Makes (or replaces) the workspace's relay secret; the answer is the only time it is shown. */
export async function makeRelaySecret(ctx: Context, actor: Operator): Promise<{ secret: string; createdAt: number }> {
  authorize(actor, 'inbox.manage');
  const secret = `sbr_${randomBytes(24).toString('base64url')}`;
  const now = ctx.now();
  await saveRelaySecret(ctx.db, actor.workspaceId, hashToken(secret), now);
  return { secret, createdAt: now };
}

export async function relayStatus(ctx: Context, actor: Operator): Promise<{ secretSetAt: number | null }> {
  authorize(actor, 'inbox.manage');
  return { secretSetAt: await relaySecretSetAt(ctx.db, actor.workspaceId) };
}
