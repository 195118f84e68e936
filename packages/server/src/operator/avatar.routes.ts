/** An operator's own picture: upload, remove, and the public address visitors' widgets load it from. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { route } from '../http/route.js';
import { uploadLimits } from '../attachment/upload-limits.js';
import { AVATAR_MAX_BYTES, openAvatar, removeAvatar, uploadAvatar } from './avatar.service.js';

async function readImage(req: FastifyRequest): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the picture as multipart/form-data');
  const part = await req.file({ limits: { fileSize: AVATAR_MAX_BYTES, files: 1 } });
  if (!part) throw new AppError('bad_request', 'No file in the upload');
  return part.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('too_large', 'Pictures are limited to 1 MB');
    throw err;
  });
}

const keyParam = z.object({
  key: z
    .string()
    .min(10)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export const avatarRoutes = (ctx: Context) => {
  const limits = uploadLimits(ctx);
  return [
    route({
      method: 'PUT',
      url: '/api/v1/auth/me/avatar',
      operationId: 'uploadOwnAvatar',
      summary: 'Set your own picture (PNG, JPEG, GIF or WebP, at most 1 MB), shown to visitors in the widget; replaces the previous one',
      tag: 'auth',
      auth: 'operator',
      multipart: true,
      response: z.object({ avatarUrl: z.string() }),
      limit: limits.address,
      handler: async ({ operator, req }) => {
        limits.uploader(operator!.id);
        return uploadAvatar(ctx, operator!, await readImage(req));
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/auth/me/avatar',
      operationId: 'removeOwnAvatar',
      summary: 'Remove your picture: visitors see your initials instead',
      tag: 'auth',
      auth: 'operator',
      handler: async ({ operator }) => {
        await removeAvatar(ctx, operator!);
        return undefined;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/avatars/:key',
      operationId: 'getAvatar',
      summary: 'An operator’s picture, by the random key in its address (public; the address changes with every upload)',
      tag: 'operators',
      auth: 'none',
      params: keyParam,
      handler: async ({ params, reply }) => {
        const a = await openAvatar(ctx, params.key);
        return reply
          .header('content-type', a.mime)
          .header('content-length', String(a.size))
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cache-control', 'public, max-age=31536000, immutable')
          .header('cross-origin-resource-policy', 'same-origin')
          .send(a.stream);
      },
    }),
  ];
};
