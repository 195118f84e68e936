import type { AttachmentDto } from '@switchboard/protocol';
import type { Readable } from 'node:stream';
import type { Context } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { visitorMayAccess } from '../identity/access.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import type { Visitor } from '../visitor/visitor.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { mayViewConversation, viewerOf } from '../policy/visibility.js';
import { authorize } from '../policy/policy.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { deleteUnattached, findAttachment, insertAttachment, presentAttachment } from './attachment.repository.js';
import { validSignature } from './signed-link.js';
import { cleanFileName, sniffType } from './sniff.js';

export interface Upload {
  name: string | undefined;
  data: Buffer;
}

/** Stores an upload after checking its size and its real type; it joins a message when one is sent with its id. */
export async function storeUpload(
  ctx: Context,
  p: { workspaceId: string; conversationId: string; uploader: { kind: 'visitor' | 'operator'; id: string }; upload: Upload },
): Promise<AttachmentDto> {
  if (p.upload.data.byteLength === 0) throw new AppError('bad_request', 'The file is empty');
  if (p.upload.data.byteLength > ctx.config.attachmentMaxBytes) {
    throw new AppError('too_large', `Files are limited to ${Math.floor(ctx.config.attachmentMaxBytes / 1024 / 1024)} MB`);
  }
  const mime = await sniffType(p.upload.data);
  if (!mime) throw new AppError('unsupported_media_type', 'Only images (PNG, JPEG, GIF, WebP), PDF and plain text can be attached');
  const id = newId();
  await ctx.files.put(id, p.upload.data);
  const row = {
    id,
    workspace_id: p.workspaceId,
    conversation_id: p.conversationId,
    message_id: null,
    uploader_kind: p.uploader.kind,
    uploader_id: p.uploader.id,
    name: cleanFileName(p.upload.name),
    mime,
    size: p.upload.data.byteLength,
    storage_key: id,
    created_at: ctx.now(),
  };
  await insertAttachment(ctx.db, row);
  return presentAttachment(row);
}

export async function operatorUpload(ctx: Context, actor: Operator, conversationId: string, upload: Upload): Promise<AttachmentDto> {
  authorize(actor, 'conversation.reply');
  await visibleConversationRow(ctx, actor, conversationId);
  return storeUpload(ctx, { workspaceId: actor.workspaceId, conversationId, uploader: { kind: 'operator', id: actor.id }, upload });
}

/**
 * Opens an attachment for a reader: an operator of its workspace, or the
 * visitor of its conversation. Anyone else gets the same 404 as for a missing file.
 */
export async function openAttachment(
  ctx: Context,
  reader: { operator: Operator | null; visitor: Visitor | null },
  id: string,
): Promise<{ attachment: AttachmentDto; stream: Readable }> {
  const row = await findAttachment(ctx.db, id);
  if (!row) throw notFound('Attachment');
  let allowed = false;
  if (reader.operator && reader.operator.workspaceId === row.workspace_id) {
    const conv = await findConversation(ctx.db, row.workspace_id, row.conversation_id);
    allowed = !!conv && mayViewConversation(await viewerOf(ctx, reader.operator), conv);
  } else if (reader.visitor && reader.visitor.workspaceId === row.workspace_id) {
    const conv = await findConversation(ctx.db, row.workspace_id, row.conversation_id);
    allowed = visitorMayAccess(reader.visitor, conv);
  }
  if (!allowed) throw notFound('Attachment');
  const stream = await ctx.files.get(row.storage_key);
  if (!stream) throw notFound('Attachment');
  return { attachment: presentAttachment(row), stream };
}

/**
 * Opens a file through a signed link (a transcript's): no sign-in, but the
 * signature must be this server's for this file and still valid, and the file
 * must have been sent with a message. Anything else is the same 404.
 */
export async function openSignedAttachment(
  ctx: Context,
  id: string,
  link: { expires: number; signature: string },
): Promise<{ attachment: AttachmentDto; stream: Readable }> {
  if (!(await validSignature(ctx, id, link.expires, link.signature))) throw notFound('Attachment');
  const row = await findAttachment(ctx.db, id);
  if (!row?.message_id) throw notFound('Attachment');
  const stream = await ctx.files.get(row.storage_key);
  if (!stream) throw notFound('Attachment');
  return { attachment: presentAttachment(row), stream };
}

/** Files nobody sent with a message are kept this long (time to finish writing the message), then deleted. */
export const UNATTACHED_TTL_MS = 24 * 3600_000;

/** Deletes uploads never sent with a message within a day, rows and bytes; returns how many. */
export async function deleteUnattachedFiles(ctx: Context, now = ctx.now()): Promise<number> {
  let total = 0;
  for (;;) {
    const keys = await deleteUnattached(ctx.db, now - UNATTACHED_TTL_MS, 500);
    for (const key of keys) await ctx.files.delete(key).catch((err) => ctx.log.warn({ err, key }, 'could not delete an unattached file'));
    total += keys.length;
    if (keys.length < 500) return total;
  }
}
