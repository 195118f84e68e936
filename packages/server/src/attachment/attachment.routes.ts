import type { AttachmentDto } from '@switchboard/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { route } from '../http/route.js';
import { attachmentSchema, idParam } from '../http/schemas.js';
import { ensureVisitorConversation } from '../widget/widget.service.js';
import { openAttachment, openSignedAttachment, operatorUpload, storeUpload, type Upload } from './attachment.service.js';
import { uploadLimits } from './upload-limits.js';

/** Reads the single `file` part of a multipart upload, refusing it as soon as it passes the limit. */
async function readUpload(ctx: Context, req: FastifyRequest): Promise<Upload> {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data');
  const part = await req.file({ limits: { fileSize: ctx.config.attachmentMaxBytes, files: 1 } });
  if (!part) throw new AppError('bad_request', 'No file in the upload');
  const data = await part.toBuffer().catch((err: { code?: string }) => {
    if (err.code === 'FST_REQ_FILE_TOO_LARGE') {
      throw new AppError('too_large', `Files are limited to ${Math.floor(ctx.config.attachmentMaxBytes / 1024 / 1024)} MB`);
    }
    throw err;
  });
  return { name: part.filename, data };
}

const SAFE_INLINE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/** A file as a download (images inline), never run or sniffed as anything else. */
function sendFile(reply: FastifyReply, attachment: AttachmentDto, stream: Readable) {
  const inline = SAFE_INLINE.has(attachment.mime);
  return reply
    .header('content-type', attachment.mime === 'text/plain' ? 'text/plain; charset=utf-8' : attachment.mime)
    .header('content-length', String(attachment.size))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=3600')
    .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(attachment.name)}`)
    .send(stream);
}

const signedQuery = z.object({
  expires: z.coerce.number().int().min(0).describe('When the link stops working, epoch ms'),
  signature: z
    .string()
    .min(1)
    .max(100)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export const attachmentRoutes = (ctx: Context) => {
  const limits = uploadLimits(ctx);
  return [
    route({
      method: 'POST',
      url: '/api/v1/conversations/:id/attachments',
      operationId: 'uploadAttachment',
      summary: 'Upload a file (image, PDF or text) to send with a reply',
      tag: 'attachments',
      auth: 'operator',
      params: idParam,
      multipart: true,
      status: 201,
      response: attachmentSchema,
      limit: limits.address,
      handler: async ({ operator, params, req }) => {
        limits.uploader(operator!.id);
        return operatorUpload(ctx, operator!, params.id, await readUpload(ctx, req));
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/widget/attachments',
      operationId: 'uploadVisitorAttachment',
      summary: 'Upload a file as the visitor, into their current conversation (started if needed), or into a new one (newConversation=true)',
      tag: 'widget',
      auth: 'visitor',
      query: z.object({
        conversationId: idParam.shape.id.optional(),
        newConversation: z.enum(['true', 'false']).optional().describe('true: start a new conversation for this file even when another one is open'),
      }),
      multipart: true,
      status: 201,
      response: z.object({ conversationId: z.string(), attachment: attachmentSchema }),
      limit: limits.address,
      handler: async ({ visitor, query, req }) => {
        limits.uploader(visitor!.id);
        const upload = await readUpload(ctx, req);
        const conversationId = await ensureVisitorConversation(ctx, visitor!, query.conversationId, query.newConversation === 'true');
        const attachment = await storeUpload(ctx, {
          workspaceId: visitor!.workspaceId,
          conversationId,
          uploader: { kind: 'visitor', id: visitor!.id },
          upload,
        });
        return { conversationId, attachment };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/attachments/:id',
      operationId: 'downloadAttachment',
      summary: 'Download an attachment (operators of the workspace, or the conversation’s visitor with X-Website-Key)',
      tag: 'attachments',
      auth: 'operator-or-visitor',
      params: idParam,
      handler: async ({ operator, visitor, params, reply }) => {
        const { attachment, stream } = await openAttachment(ctx, { operator, visitor }, params.id);
        return sendFile(reply, attachment, stream);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/attachments/:id/signed',
      operationId: 'downloadSignedAttachment',
      summary: 'Download a file sent in a conversation through a signed, expiring link (the links in a transcript work for 30 days without signing in)',
      tag: 'attachments',
      auth: 'none',
      params: idParam,
      query: signedQuery,
      handler: async ({ params, query, reply }) => {
        const { attachment, stream } = await openSignedAttachment(ctx, params.id, query);
        return sendFile(reply, attachment, stream);
      },
    }),
  ];
};
