/** Outgoing email: the workspace's SMTP settings and test mail, a conversation's mails, transcripts by mail, the operator's notices. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { addressLimiter } from '../http/ip-limit.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import {
  emailOperatorTranscript,
  emailVisitorTranscript,
  listConversationEmails,
  readEmailPreferences,
  sendTestEmail,
  updateEmailPreferences,
} from './email.service.js';
import { emailSettingsInput, emailSettingsSchema, readEmailSettings, saveEmailSettings } from './email-settings.js';

const baseUrlOf = (ctx: Context, req: FastifyRequest) => (ctx.config.publicUrl ?? `${req.protocol}://${req.host}`).replace(/\/+$/, '');

const emailSchema = z.object({
  id: z.string(),
  conversationId: z.string().nullable(),
  messageId: z.string().nullable().describe('The conversation message the mail carries (out) or became (in)'),
  direction: z.enum(['out', 'in']),
  purpose: z.string().describe('reply, offline-reply, unseen, transcript, notification, inbound'),
  headerMessageId: z.string().describe('The Message-ID header, without angle brackets'),
  inReplyTo: z.string().nullable(),
  recipient: z.string(),
  subject: z.string(),
  state: z.enum(['queued', 'sent', 'failed', 'received']),
  error: z.string().nullable().describe('Why it failed or is being retried: the mail server’s answer'),
  attempts: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

const preferences = z.object({
  onMention: z.boolean().describe('Email me when I’m mentioned in a note'),
  onAssignment: z.boolean().describe('Email me when a conversation is assigned to me'),
  onTaskDue: z.boolean().describe('Email me when a task of mine is due'),
});

const queuedSchema = z.object({ emailId: z.string(), recipient: z.string() });

export const emailRoutes = (ctx: Context) => {
  const perVisitor = addressLimiter(3, 1 / 60);
  return [
    route({
      method: 'GET',
      url: '/api/v1/email/settings',
      operationId: 'getEmailSettings',
      summary: 'The workspace’s outgoing mail settings (the password is never returned: `passwordSet` says whether there is one)',
      tag: 'email',
      auth: 'operator',
      response: emailSettingsSchema,
      handler: async ({ operator }) => readEmailSettings(ctx, operator!),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/email/settings',
      operationId: 'updateEmailSettings',
      summary: 'Change the outgoing mail settings; fields left out stay as they are',
      tag: 'email',
      auth: 'operator',
      body: emailSettingsInput,
      response: emailSettingsSchema,
      handler: async ({ operator, body }) => saveEmailSettings(ctx, operator!, body),
    }),
    route({
      method: 'POST',
      url: '/api/v1/email/settings/test',
      operationId: 'sendTestEmail',
      summary: 'Send a test mail to your own address now; the answer says whether the SMTP server took it, or its error',
      tag: 'email',
      auth: 'operator',
      response: z.object({ sent: z.boolean(), recipient: z.string(), error: z.string().nullable() }),
      handler: async ({ operator }) => sendTestEmail(ctx, operator!),
    }),
    route({
      method: 'GET',
      url: '/api/v1/conversations/:id/emails',
      operationId: 'listConversationEmails',
      summary: 'The mails of a conversation, sent and received, oldest first, with their state',
      tag: 'conversations',
      auth: 'operator',
      params: idParam,
      response: z.object({ items: z.array(emailSchema) }),
      handler: async ({ operator, params }) => listConversationEmails(ctx, operator!, params.id),
    }),
    route({
      method: 'POST',
      url: '/api/v1/conversations/:id/transcript/email',
      operationId: 'emailTranscript',
      summary: 'Mail the conversation’s transcript to its contact (queued; its state is in the conversation’s mails)',
      tag: 'conversations',
      auth: 'operator',
      params: idParam,
      status: 202,
      response: queuedSchema,
      handler: async ({ operator, params, req }) => emailOperatorTranscript(ctx, operator!, params.id, baseUrlOf(ctx, req)),
    }),
    route({
      method: 'POST',
      url: '/api/v1/widget/conversations/:id/transcript/email',
      operationId: 'emailVisitorTranscript',
      summary: 'The visitor asks for the transcript of one of their conversations by mail, to the address they gave',
      tag: 'widget',
      auth: 'visitor',
      params: idParam,
      status: 202,
      response: queuedSchema,
      handler: async ({ visitor, params, req }) => {
        if (!perVisitor.take(visitor!.id)) throw new AppError('rate_limited', 'Too many transcripts asked for; try again in a minute');
        return emailVisitorTranscript(ctx, visitor!, params.id, baseUrlOf(ctx, req));
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/auth/me/email-preferences',
      operationId: 'getEmailPreferences',
      summary: 'Which notifications reach you by mail',
      tag: 'auth',
      auth: 'operator',
      response: preferences,
      handler: async ({ operator }) => readEmailPreferences(ctx, operator!),
    }),
    route({
      method: 'PATCH',
      url: '/api/v1/auth/me/email-preferences',
      operationId: 'updateEmailPreferences',
      summary: 'Choose which notifications reach you by mail; fields left out stay as they are',
      tag: 'auth',
      auth: 'operator',
      body: preferences.partial(),
      response: preferences,
      handler: async ({ operator, body }) => updateEmailPreferences(ctx, operator!, body),
    }),
  ];
};
