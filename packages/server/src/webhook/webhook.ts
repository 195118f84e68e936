/**
 * Webhooks (I2) as the Standard Webhooks specification has them: the events
 * an endpoint can subscribe to, the `whsec_` secrets, the signature over
 * `id.timestamp.body`, and the retry schedule.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { z } from 'zod';

export const WEBHOOK_EVENTS = [
  'conversation.created',
  'conversation.assigned',
  'conversation.status_changed',
  'message.created',
  'contact.created',
  'contact.updated',
  'rating.submitted',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];

/** The wait after failed attempt n (1-based) before attempt n + 1: about 27 hours over 8 attempts. */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
/** Attempts kept per endpoint in the delivery log (older ones are deleted as new ones come). */
export const ATTEMPTS_KEPT = 500;
/** Deliveries kept per endpoint. */
export const DELIVERIES_KEPT = 200;
export const RESPONSE_EXCERPT_BYTES = 2048;

export const newWebhookSecret = (): string => `whsec_${randomBytes(24).toString('base64')}`;

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">` with the secret's base64 part as the key. */
export function signature(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith('whsec_') ? secret.slice(6) : secret, 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestampSeconds}.${body}`).digest('base64')}`;
}

export function signedHeaders(secret: string, id: string, at: number, body: string): Record<string, string> {
  const timestamp = Math.floor(at / 1000);
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signature(secret, id, timestamp, body),
  };
}

const targetUrl = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((u) => /^https?:\/\//i.test(u), { message: 'Use an http or https address' });

export const endpointInput = z.object({
  url: targetUrl.describe('Where the events are posted'),
  description: z.string().trim().max(200).default(''),
  eventTypes: z.array(z.enum(WEBHOOK_EVENTS)).min(1).describe('The events this endpoint receives'),
  enabled: z.boolean().default(true),
});
/** No defaults here: a field left out stays as it is. */
export const endpointPatch = z.object({
  url: targetUrl.optional(),
  description: z.string().trim().max(200).optional(),
  eventTypes: z.array(z.enum(WEBHOOK_EVENTS)).min(1).optional(),
  enabled: z.boolean().optional(),
});
export type EndpointInput = z.output<typeof endpointInput>;

export const botInput = z.object({
  inboxId: z.string().min(1),
  name: z.string().trim().min(1).max(80),
  webhookUrl: targetUrl.describe('Where the bot receives new conversations and visitor messages'),
});

export const endpointSchema = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string(),
  eventTypes: z.array(z.enum(WEBHOOK_EVENTS)),
  enabled: z.boolean(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type EndpointDto = z.output<typeof endpointSchema>;

export const attemptSchema = z.object({
  attempt: z.number(),
  at: z.number(),
  statusCode: z.number().nullable(),
  responseBody: z.string().nullable().describe('At most 2 KB of the answer'),
  durationMs: z.number(),
  error: z.string().nullable().describe('Why the attempt failed without an answer (refused address, timeout, network)'),
});

export const deliverySchema = z.object({
  id: z.string().describe('The `webhook-id` sent, the same on every attempt'),
  eventType: z.string(),
  state: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number(),
  nextAttemptAt: z.number().nullable(),
  createdAt: z.number(),
  payload: z.string().describe('The JSON body, exactly as signed'),
  log: z.array(attemptSchema).describe('Every attempt, newest first'),
});
export type DeliveryDto = z.output<typeof deliverySchema>;

export const botSchema = z.object({
  id: z.string(),
  inboxId: z.string(),
  name: z.string(),
  webhookUrl: z.string(),
  createdAt: z.number(),
});
export type BotDto = z.output<typeof botSchema>;
