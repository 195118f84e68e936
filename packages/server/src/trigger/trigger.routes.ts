/**
 * Proactive triggers' routes (E1): per inbox for the console (supervisors
 * read, admins write), and for the widget: the rules (public, cacheable, like
 * the launcher's look), and the visitor's impressions and replies.
 */
import { LANGUAGES } from '@switchboard/widget/i18n';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../context.js';
import { ipLimiter } from '../http/ip-limit.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import type { Availability } from '../realtime/availability.js';
import { websiteKey } from '../widget/widget.js';
import { conditionsSchema, frequencySchema, messagesSchema, onlyWhenSchema, senderSchema, triggerInput, triggerPatch } from './trigger.js';
import {
  createTrigger,
  deleteTrigger,
  getTrigger,
  listTriggers,
  recordImpression,
  replyToImpression,
  triggerStats,
  updateTrigger,
  widgetTriggers,
} from './trigger.service.js';

const revenue = z.object({ currency: z.string(), valueMinor: z.number().describe('Minor units (cents) of the currency') });
const variantStats = z.object({
  shown: z.number(),
  replied: z.number().describe('Impressions the visitor answered with Reply (a conversation started from it)'),
  replyRate: z.number().nullable(),
  purchases: z.number().describe('Purchases attributed to the trigger (sales attribution)'),
  revenue: z.array(revenue).describe('Per currency, as given'),
});
export const triggerStatsSchema = variantStats.extend({
  variants: z.object({ a: variantStats, b: variantStats.nullable() }),
  winner: z.object({
    variant: z.enum(['a', 'b']).nullable().describe('null: no winner yet'),
    metric: z.enum(['reply_rate', 'conversion']).nullable(),
    z: z.number().nullable().describe('The two-proportion z statistic (|z| ≥ 1.96: significant at 95%)'),
    reason: z.string(),
  }),
});
const triggerSchema = z.object({
  id: z.string(),
  inboxId: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  conditions: conditionsSchema,
  messages: messagesSchema,
  sender: senderSchema,
  delaySeconds: z.number(),
  frequency: frequencySchema,
  onlyWhen: onlyWhenSchema,
  position: z.number(),
  createdAt: z.number(),
  updatedAt: z.number(),
  stats: triggerStatsSchema,
});
const widgetTriggerSchema = z.object({
  id: z.string(),
  conditions: conditionsSchema,
  a: z.string(),
  b: z.string().nullable(),
  split: z.number(),
  delay: z.number(),
  frequency: frequencySchema,
  onlyWhen: onlyWhenSchema,
  sender: z.object({ name: z.string(), avatarUrl: z.string().nullable() }),
});

const pageOriginOf = (req: FastifyRequest) => (typeof req.headers.origin === 'string' ? req.headers.origin : `${req.protocol}://${req.host}`);

export const triggerRoutes = (ctx: Context, availability: Pick<Availability, 'frame'>) => [
  route({
    method: 'GET',
    url: '/api/v1/inboxes/:id/triggers',
    operationId: 'listTriggers',
    summary: 'The inbox’s proactive triggers in order, each with its figures (owners, admins, supervisors)',
    tag: 'triggers',
    auth: 'operator',
    params: idParam,
    response: z.object({ items: z.array(triggerSchema) }),
    handler: async ({ operator, params }) => ({ items: await listTriggers(ctx, operator!, params.id) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/inboxes/:id/triggers',
    operationId: 'createTrigger',
    summary: 'Add a proactive trigger to the inbox: conditions, message (A and optional B per language), sender, delay, frequency cap (owners, admins)',
    tag: 'triggers',
    auth: 'operator',
    params: idParam,
    body: triggerInput,
    status: 201,
    response: triggerSchema,
    handler: async ({ operator, params, body }) => createTrigger(ctx, operator!, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/triggers/:id',
    operationId: 'getTrigger',
    summary: 'One proactive trigger with its figures (owners, admins, supervisors)',
    tag: 'triggers',
    auth: 'operator',
    params: idParam,
    response: triggerSchema,
    handler: async ({ operator, params }) => getTrigger(ctx, operator!, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/triggers/:id',
    operationId: 'updateTrigger',
    summary: 'Change a proactive trigger (only the fields given) (owners, admins)',
    tag: 'triggers',
    auth: 'operator',
    params: idParam,
    body: triggerPatch,
    response: triggerSchema,
    handler: async ({ operator, params, body }) => updateTrigger(ctx, operator!, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/triggers/:id',
    operationId: 'deleteTrigger',
    summary: 'Delete a proactive trigger and its impressions (purchases attributed to it stay in the sales reports) (owners, admins)',
    tag: 'triggers',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => deleteTrigger(ctx, operator!, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/triggers/:id/stats',
    operationId: 'getTriggerStats',
    summary:
      'A trigger’s figures: shown, replied, reply rate, purchases and revenue per currency, per variant, and which variant wins (two-proportion test at 95%) (owners, admins, supervisors)',
    tag: 'triggers',
    auth: 'operator',
    params: idParam,
    response: triggerStatsSchema,
    handler: async ({ operator, params }) => triggerStats(ctx, operator!, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/widget/triggers',
    operationId: 'getWidgetTriggers',
    summary:
      'The inbox’s enabled triggers for the widget’s trigger script, in the visitor’s language (lang, else Accept-Language), with whether an operator is available and the team within its hours. Readable (CORS) by pages that may embed the chat; cached for a minute',
    tag: 'widget',
    auth: 'none',
    query: z.object({ key: websiteKey, lang: z.enum(LANGUAGES).optional() }),
    response: z.object({
      triggers: z.array(widgetTriggerSchema),
      available: z.boolean(),
      open: z.boolean(),
      position: z.enum(['left', 'right']),
      color: z.string(),
      textColor: z.string(),
      labels: z.object({ from: z.string(), dismiss: z.string(), reply: z.string() }),
    }),
    handler: async ({ query, req, reply }) => {
      const origin = pageOriginOf(req);
      const answer = await widgetTriggers(ctx, availability, {
        key: query.key,
        origin,
        lang: query.lang,
        acceptLanguage: req.headers['accept-language'],
      });
      reply.header('cache-control', 'public, max-age=60').header('vary', 'Origin, Accept-Language');
      if (req.headers.origin) reply.header('access-control-allow-origin', origin);
      return answer;
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/widget/triggers/:id/impressions',
    operationId: 'recordTriggerImpression',
    summary: 'The widget showed the trigger’s message to the visitor (variant a or b): recorded within its frequency cap (409 capped beyond it)',
    tag: 'widget',
    auth: 'visitor',
    limit: ipLimiter(120, 10),
    params: idParam,
    body: z.object({
      variant: z.enum(['a', 'b']),
      visitId: z.string().min(1).max(64).optional().describe('The visit (the widget’s own id of it), for the per-visit cap'),
    }),
    status: 201,
    response: z.object({ impressionId: z.string(), variant: z.enum(['a', 'b']) }),
    handler: async ({ visitor, params, body }) => recordImpression(ctx, visitor!, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/v1/widget/trigger-impressions/:id/reply',
    operationId: 'replyToTrigger',
    summary:
      'The visitor chose Reply on a trigger’s message: the conversation starts with that message from its sender, and the impression counts as replied; the visitor’s chat opens it',
    tag: 'widget',
    auth: 'visitor',
    limit: ipLimiter(60, 5),
    params: idParam,
    body: z.object({ language: z.enum(LANGUAGES).optional() }),
    response: z.object({ conversationId: z.string(), started: z.boolean().describe('False: the visitor was already chatting, or had replied before') }),
    handler: async ({ visitor, params, body }) => replyToImpression(ctx, visitor!, params.id, body),
  }),
];
