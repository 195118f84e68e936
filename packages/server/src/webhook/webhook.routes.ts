import { z } from 'zod';
import type { Context } from '../context.js';
import { bearer, route } from '../http/route.js';
import { conversationSchema, idParam, messageSchema } from '../http/schemas.js';
import { richRequest } from '../rich/rich.js';
import { withHtml } from '../message/message.service.js';
import type { BotService } from './bot.service.js';
import type { WebhookService } from './webhook.service.js';
import { botInput, botSchema, deliverySchema, endpointInput, endpointPatch, endpointSchema } from './webhook.js';

const settingsSchema = z.object({
  allowPrivateTargets: z.boolean().describe('Allow webhooks to private, loopback and link-local addresses (off by default)'),
});
const noStore = (reply: { header(k: string, v: string): unknown }) => reply.header('cache-control', 'no-store');

export const webhookRoutes = (_ctx: Context, webhooks: WebhookService, bots: BotService) => [
  route({
    method: 'GET',
    url: '/api/v1/webhooks',
    operationId: 'listWebhookEndpoints',
    summary: 'The workspace’s webhook endpoints (owners and admins)',
    tag: 'webhooks',
    auth: 'operator',
    response: z.object({ items: z.array(endpointSchema) }),
    handler: async ({ operator }) => ({ items: await webhooks.list(operator!) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/webhooks',
    operationId: 'createWebhookEndpoint',
    summary: 'Add an endpoint. The answer holds its signing secret (whsec_...), the only time it is shown',
    tag: 'webhooks',
    auth: 'operator',
    body: endpointInput,
    status: 201,
    response: z.object({ endpoint: endpointSchema, secret: z.string().describe('Verify signatures with it. Shown only now') }),
    handler: async ({ operator, body, reply }) => {
      noStore(reply);
      return webhooks.create(operator!, body);
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/webhooks/:id',
    operationId: 'updateWebhookEndpoint',
    summary: 'Change an endpoint’s address, description, events, or turn it off and on',
    tag: 'webhooks',
    auth: 'operator',
    params: idParam,
    body: endpointPatch,
    response: endpointSchema,
    handler: async ({ operator, params, body }) => webhooks.update(operator!, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/webhooks/:id',
    operationId: 'deleteWebhookEndpoint',
    summary: 'Delete an endpoint and its delivery log',
    tag: 'webhooks',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => {
      await webhooks.remove(operator!, params.id);
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/webhooks/:id/secret',
    operationId: 'rotateWebhookSecret',
    summary: 'Replace the endpoint’s signing secret; the old one stops signing at once. The answer is the only time it is shown',
    tag: 'webhooks',
    auth: 'operator',
    params: idParam,
    status: 201,
    response: z.object({ secret: z.string() }),
    handler: async ({ operator, params, reply }) => {
      noStore(reply);
      return webhooks.rotate(operator!, params.id);
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/webhooks/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: 'The endpoint’s delivery log, newest first: each event sent, its state, and every attempt with the answer (at most 2 KB)',
    tag: 'webhooks',
    auth: 'operator',
    params: idParam,
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
    response: z.object({ items: z.array(deliverySchema) }),
    handler: async ({ operator, params, query }) => ({ items: await webhooks.deliveries(operator!, params.id, query.limit) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/webhooks/:id/deliveries/:deliveryId/resend',
    operationId: 'resendWebhookDelivery',
    summary: 'Send a delivery again now, once (with the same webhook-id); its log shows the new attempt',
    tag: 'webhooks',
    auth: 'operator',
    params: idParam.extend({ deliveryId: z.string().min(1).max(64) }),
    status: 202,
    response: deliverySchema,
    handler: async ({ operator, params }) => webhooks.resend(operator!, params.id, params.deliveryId),
  }),
  route({
    method: 'GET',
    url: '/api/v1/webhook-settings',
    operationId: 'getWebhookSettings',
    summary: 'Whether webhooks may reach private addresses in this workspace',
    tag: 'webhooks',
    auth: 'operator',
    response: settingsSchema,
    handler: async ({ operator }) => webhooks.settings(operator!),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/webhook-settings',
    operationId: 'setWebhookSettings',
    summary: 'Allow (or stop allowing) webhooks and bots to reach private, loopback and link-local addresses',
    tag: 'webhooks',
    auth: 'operator',
    body: settingsSchema,
    response: settingsSchema,
    handler: async ({ operator, body }) => webhooks.setSettings(operator!, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/bots',
    operationId: 'listBots',
    summary: 'The workspace’s agent bots, one per inbox at most',
    tag: 'bots',
    auth: 'operator',
    response: z.object({ items: z.array(botSchema) }),
    handler: async ({ operator }) => ({ items: await bots.list(operator!) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/bots',
    operationId: 'createBot',
    summary: 'Register the inbox’s bot. The answer holds its API token (sbb_...) and webhook signing secret, the only time they are shown',
    tag: 'bots',
    auth: 'operator',
    body: botInput,
    status: 201,
    response: z.object({
      bot: botSchema,
      token: z.string().describe('The bot’s bearer token for /api/v1/bot/... Shown only now'),
      secret: z.string().describe('Verify the signatures of the webhooks it receives with it. Shown only now'),
    }),
    handler: async ({ operator, body, reply }) => {
      noStore(reply);
      return bots.create(operator!, body);
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/bots/:id',
    operationId: 'deleteBot',
    summary: 'Remove the bot; the conversations it was handling are handed over to people',
    tag: 'bots',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => {
      await bots.remove(operator!, params.id);
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/bots/:id/deliveries',
    operationId: 'listBotDeliveries',
    summary: 'What was sent to the bot’s URL, newest first, with every attempt and the answer (at most 2 KB)',
    tag: 'bots',
    auth: 'operator',
    params: idParam,
    query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50) }),
    response: z.object({ items: z.array(deliverySchema) }),
    handler: async ({ operator, params, query }) => ({ items: await bots.deliveries(operator!, params.id, query.limit) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/bot/conversations/:id/messages',
    operationId: 'botSendMessage',
    summary: 'As the bot (Authorization: Bearer sbb_...): answer the visitor in a conversation it handles',
    tag: 'bots',
    auth: 'none',
    params: idParam,
    body: z
      .object({
        body: z.string().trim().max(10_000).default(''),
        clientId: z.string().min(1).max(64).optional().describe('Sending the same id twice stores the message once'),
        rich: richRequest.optional().describe('A product card, carousel, comparison or quick replies (the body is then the text or the question)'),
      })
      .refine((b) => b.body.length > 0 || (b.rich !== undefined && b.rich.type !== 'quick_replies'), {
        message: 'A message needs text (quick replies need their question as text)',
        path: ['body'],
      }),
    status: 201,
    response: z.object({ message: messageSchema }),
    handler: async ({ req, params, body }) => {
      const bot = await bots.authenticate(bearer(req));
      return { message: withHtml(await bots.reply(bot, params.id, body)) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/bot/conversations/:id/handover',
    operationId: 'botHandOver',
    summary: 'As the bot: hand the conversation over to people; it joins its team’s queue as a new one would',
    tag: 'bots',
    auth: 'none',
    params: idParam,
    response: z.object({ conversation: conversationSchema }),
    handler: async ({ req, params }) => {
      const bot = await bots.authenticate(bearer(req));
      return { conversation: await bots.handOver(bot, params.id) };
    },
  }),
];
