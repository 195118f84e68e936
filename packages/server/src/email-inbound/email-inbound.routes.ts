import { z } from 'zod';
import type { Context } from '../context.js';
import { AppError, unauthorized } from '../errors.js';
import { addressLimiter } from '../http/ip-limit.js';
import { bearer, route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { hashToken } from '../ids.js';
import { displayName } from '../fields.js';
import { workspaceOfRelaySecret } from './email-inbox.repository.js';
import { createEmailInbox, listEmailInboxes, makeRelaySecret, relayStatus, updateEmailInbox } from './email-inbox.service.js';
import { receiveMail } from './receive-mail.js';

const address = z.string().trim().toLowerCase().email('Enter an email address such as support@example.com').max(254, 'Keep the address under 254 characters');

const emailInboxSchema = z.object({
  id: z.string().describe('The inbox id (its conversations carry it as inboxId)'),
  name: z.string(),
  address: z.string().describe('Mail to this address starts a conversation in the inbox'),
  defaultTeamId: z.string().nullable(),
  createdAt: z.number(),
});

const createInput = z.object({
  name: displayName(100, 'a name for the inbox'),
  address,
  defaultTeamId: z.string().max(64).nullable().optional(),
});

const updateInput = z.object({
  name: displayName(100, 'a name for the inbox').optional(),
  address: address.optional(),
  defaultTeamId: z.string().max(64).nullable().optional(),
});

const receivedSchema = z.object({
  status: z
    .enum(['stored', 'duplicate', 'ignored', 'bounce'])
    .describe(
      'duplicate: a mail with this Message-ID was received before; ignored: an automatic reply (out of office); bounce: a delivery status notification, which marks the mail it reports on failed when delivery failed; no message was stored for any of these',
    ),
  conversationId: z.string().nullable(),
  messageId: z.string().nullable(),
});

export const emailInboundRoutes = (ctx: Context) => {
  const relayLimit = addressLimiter(ctx.config.inboundRateLimit, 0.5);
  return [
    route({
      method: 'GET',
      url: '/api/v1/email/inboxes',
      operationId: 'listEmailInboxes',
      summary: 'Email inboxes of the workspace, with their addresses',
      tag: 'email-inbound',
      auth: 'operator',
      response: z.object({ items: z.array(emailInboxSchema) }),
      handler: async ({ operator }) => ({ items: await listEmailInboxes(ctx, operator!) }),
    }),
    route({
      method: 'POST',
      url: '/api/v1/email/inboxes',
      operationId: 'createEmailInbox',
      summary: 'Create an email inbox: mail to its address starts conversations in it',
      tag: 'email-inbound',
      auth: 'operator',
      body: createInput,
      status: 201,
      response: emailInboxSchema,
      handler: async ({ operator, body }) => createEmailInbox(ctx, operator!, body),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/email/inboxes/:id',
      operationId: 'updateEmailInbox',
      summary: 'Rename an email inbox, change its address or its team',
      tag: 'email-inbound',
      auth: 'operator',
      params: idParam,
      body: updateInput,
      response: emailInboxSchema,
      handler: async ({ operator, params, body }) => updateEmailInbox(ctx, operator!, params.id, body),
    }),
    route({
      method: 'GET',
      url: '/api/v1/email/relay',
      operationId: 'getEmailRelay',
      summary: 'Whether the workspace has a relay secret, and since when (never the secret)',
      tag: 'email-inbound',
      auth: 'operator',
      response: z.object({ secretSetAt: z.number().nullable() }),
      handler: async ({ operator }) => relayStatus(ctx, operator!),
    }),
    route({
      method: 'POST',
      url: '/api/v1/email/relay/secret',
      operationId: 'makeEmailRelaySecret',
      summary: 'Make a new relay secret (sbr_…), replacing the old one; the answer is the only time it is shown',
      tag: 'email-inbound',
      auth: 'operator',
      status: 201,
      response: z.object({ secret: z.string(), createdAt: z.number() }),
      handler: async ({ operator }) => makeRelaySecret(ctx, operator!),
    }),
    route({
      method: 'POST',
      url: '/api/v1/email/inbound',
      operationId: 'receiveEmail',
      summary:
        'A mail relay posts one received mail, raw (RFC 5322, Content-Type: message/rfc822), with the relay secret as bearer; it lands in its conversation or starts one',
      tag: 'email-inbound',
      auth: 'none',
      secret: 'relaySecret',
      raw: 'message/rfc822',
      limit: (req) => {
        if (!relayLimit.take(req.ip)) throw new AppError('rate_limited', 'Too many mails in a row; try again shortly');
      },
      response: receivedSchema,
      handler: async ({ req }) => {
        const secret = bearer(req);
        const workspaceId = secret?.startsWith('sbr_') ? await workspaceOfRelaySecret(ctx.db, hashToken(secret)) : null;
        if (!workspaceId) throw unauthorized('A valid relay secret is required (Authorization: Bearer sbr_…)');
        if (!Buffer.isBuffer(req.body)) throw new AppError('unsupported_media_type', 'Post the raw mail as Content-Type: message/rfc822');
        if (req.body.byteLength === 0) throw new AppError('bad_request', 'The mail is empty');
        return receiveMail(ctx, { raw: req.body, recipients: [], workspaceId });
      },
    }),
  ];
};
