/**
 * Proactive triggers (E1): what an admin sets per inbox (checked here with
 * zod), and a trigger as the console reads it. The shapes are shared with the
 * widget's evaluation (@switchboard/protocol triggers.ts).
 */
import type { TriggerConditions, TriggerFrequency, TriggerMessages, TriggerOnlyWhen, TriggerSender } from '@switchboard/protocol';
import { LANGUAGES } from '@switchboard/widget/i18n';
import { z } from 'zod';
import type { TriggerRow } from './trigger.table.js';

const text = (max: number) => z.string().trim().min(1).max(max);
const language = z.enum(LANGUAGES);

export const propertyCondition = z.object({
  property: z.string().trim().min(1).max(100),
  op: z.enum(['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'contains']),
  value: z.union([z.string().max(200), z.number().finite(), z.boolean()]),
});

export const conditionsSchema = z
  .object({
    urlPattern: text(500).optional().describe('Glob matched against the page URL: `*` is any run of characters (e.g. `*/products/*`)'),
    timeOnPage: z.number().int().min(0).max(86_400).optional().describe('Seconds on the page'),
    pagesViewed: z.number().int().min(1).max(1000).optional().describe('Pages viewed in this visit, at least'),
    visitors: z.enum(['all', 'new', 'returning']).optional(),
    referrerContains: text(500).optional(),
    utmSource: text(200).optional(),
    utmMedium: text(200).optional(),
    utmCampaign: text(200).optional(),
    event: z
      .object({
        name: z.string().regex(/^[\w .:/-]{1,100}$/, 'An event name is 1 to 100 letters, digits, spaces or . : / - _'),
        conditions: z.array(propertyCondition).max(10).default([]),
      })
      .optional()
      .describe("A custom SDK event of this visit (`Switchboard('track', name, data)`), with conditions on its properties"),
    exitIntent: z.boolean().optional().describe('The pointer leaves the page toward the top (desktop only; never on touch devices)'),
  })
  .strict();

const messagesOf = z.partialRecord(language, text(2000)).refine((m) => Object.keys(m).length > 0, 'Write the message in at least one language');
export const messagesSchema = z
  .object({
    a: messagesOf.describe('Variant A per language'),
    b: messagesOf.optional().describe('Variant B per language: visitors see A or B, chosen once per visitor'),
    split: z.number().int().min(1).max(99).optional().describe('Percent of visitors shown A (default 50)'),
  })
  .strict();

export const senderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('operator'), operatorId: z.string().min(1).max(40) }),
  z.object({ kind: z.literal('team'), teamId: z.string().min(1).max(40) }),
  z.object({ kind: z.literal('bot') }),
]);

export const frequencySchema = z.discriminatedUnion('per', [
  z.object({ per: z.literal('visitor') }),
  z.object({ per: z.literal('visit') }),
  z.object({ per: z.literal('days'), days: z.number().int().min(1).max(365) }),
]);

export const onlyWhenSchema = z.enum(['always', 'operators_available', 'business_hours']);

export const triggerInput = z
  .object({
    name: text(100),
    enabled: z.boolean().default(true),
    conditions: conditionsSchema.default({}),
    messages: messagesSchema,
    sender: senderSchema.default({ kind: 'bot' }),
    delaySeconds: z.number().int().min(0).max(3600).default(0),
    frequency: frequencySchema.default({ per: 'visitor' }),
    onlyWhen: onlyWhenSchema.default('always'),
  })
  .strict();
export type TriggerInput = z.infer<typeof triggerInput>;

export const triggerPatch = z
  .object({
    name: text(100),
    enabled: z.boolean(),
    conditions: conditionsSchema,
    messages: messagesSchema,
    sender: senderSchema,
    delaySeconds: z.number().int().min(0).max(3600),
    frequency: frequencySchema,
    onlyWhen: onlyWhenSchema,
    position: z.number().int().min(0).max(10_000),
  })
  .partial()
  .strict();
export type TriggerPatch = z.infer<typeof triggerPatch>;

export interface Trigger {
  id: string;
  inboxId: string;
  name: string;
  enabled: boolean;
  conditions: TriggerConditions;
  messages: TriggerMessages;
  sender: TriggerSender;
  delaySeconds: number;
  frequency: TriggerFrequency;
  onlyWhen: TriggerOnlyWhen;
  position: number;
  createdAt: number;
  updatedAt: number;
}

export function toTrigger(row: TriggerRow): Trigger {
  return {
    id: row.id,
    inboxId: row.inbox_id,
    name: row.name,
    enabled: Number(row.enabled) === 1,
    conditions: JSON.parse(row.conditions) as TriggerConditions,
    messages: JSON.parse(row.messages) as TriggerMessages,
    sender: JSON.parse(row.sender) as TriggerSender,
    delaySeconds: Number(row.delay_seconds),
    frequency: JSON.parse(row.frequency) as TriggerFrequency,
    onlyWhen: row.only_when,
    position: Number(row.position),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** The message of a variant in a language: the one asked for, else English, else the first written. */
export function messageIn(messages: Record<string, string>, lang: string): string {
  return messages[lang] ?? messages.en ?? Object.values(messages)[0] ?? '';
}
