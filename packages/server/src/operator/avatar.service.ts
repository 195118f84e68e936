/**
 * Operators' pictures: each operator uploads their own (an image, at most
 * 1 MB, its type read from the bytes as for attachments). It is served to
 * anyone at an address made of a random key that changes with every upload,
 * so the address says nothing about who it is and cannot be guessed.
 */
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { Context } from '../context.js';
import { AppError, notFound } from '../errors.js';
import { authorize } from '../policy/policy.js';
import { sniffType } from '../attachment/sniff.js';
import type { Operator } from './operator.js';
import { type AvatarRow, avatarUrl, deleteAvatar, findAvatar, findAvatarByKey, saveAvatar } from './avatar.repository.js';

export const AVATAR_MAX_BYTES = 1024 * 1024;
const IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const storageKey = (key: string) => `av_${key}`;

export async function avatarUrlOf(ctx: Context, operatorId: string): Promise<string | null> {
  const row = await findAvatar(ctx.db, operatorId);
  return row ? avatarUrl(row.key) : null;
}

async function forget(ctx: Context, row: AvatarRow | undefined): Promise<void> {
  if (row) await ctx.files.delete(storageKey(row.key)).catch((err) => ctx.log.warn({ err }, 'could not delete a replaced avatar'));
}

export async function uploadAvatar(ctx: Context, actor: Operator, data: Buffer): Promise<{ avatarUrl: string }> {
  authorize(actor, 'operator.update_own_preferences');
  if (data.byteLength === 0) throw new AppError('bad_request', 'The file is empty');
  if (data.byteLength > AVATAR_MAX_BYTES) throw new AppError('too_large', 'Pictures are limited to 1 MB');
  const mime = await sniffType(data);
  if (!mime || !IMAGES.has(mime)) throw new AppError('unsupported_media_type', 'Choose a PNG, JPEG, GIF or WebP image');
  const key = randomBytes(18).toString('base64url');
  await ctx.files.put(storageKey(key), data);
  const previous = await saveAvatar(ctx.db, {
    operator_id: actor.id,
    workspace_id: actor.workspaceId,
    key,
    mime,
    size: data.byteLength,
    updated_at: ctx.now(),
  });
  await forget(ctx, previous);
  return { avatarUrl: avatarUrl(key) };
}

export async function removeAvatar(ctx: Context, actor: Operator): Promise<void> {
  authorize(actor, 'operator.update_own_preferences');
  await forget(ctx, await deleteAvatar(ctx.db, actor.id));
}

export async function openAvatar(ctx: Context, key: string): Promise<{ mime: string; size: number; stream: Readable }> {
  const row = await findAvatarByKey(ctx.db, key);
  const stream = row && (await ctx.files.get(storageKey(row.key)));
  if (!row || !stream) throw notFound('Picture');
  return { mime: row.mime, size: row.size, stream };
}
