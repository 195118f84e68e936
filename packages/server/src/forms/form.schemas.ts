/**
 * What the form routes accept and answer. The bodies are checked here for
 * their shape only: each value is then checked against the inbox's fields
 * (form-values.ts), which refuses with a stable code per field the widget
 * says in the visitor's language.
 */
import { LANGUAGES } from '@switchboard/widget/i18n';
import { z } from 'zod';
import { conversationSchema, messageSchema } from '../http/schemas.js';

const field = z.object({
  key: z.string().describe('Where the value goes in the form request: name, email, phone, team, consent, message or attributes.<key>'),
  kind: z.enum(['name', 'email', 'phone', 'team', 'consent', 'message', 'text', 'number', 'date', 'list', 'boolean', 'link']),
  label: z.string().nullable().describe('The inbox’s own label (a consent’s text) in the visitor’s language; null: the widget’s own word'),
  required: z.boolean(),
  options: z
    .array(z.object({ value: z.string(), label: z.string() }))
    .optional()
    .describe('The choices of a list or team field'),
});
const form = z.object({
  intro: z.string().nullable().describe('The inbox’s own text above the form in the visitor’s language; null: the widget’s default'),
  fields: z.array(field),
});

export const formsSchema = z
  .object({
    available: z.boolean().describe('An operator is online now, inside the business hours of the inbox’s team; `availability` frames say when it changes'),
    closed: z.boolean().optional().describe('Outside the business hours of the inbox’s team (absent while open)'),
    opensAt: z.number().nullable().optional().describe('When the team is back (epoch ms; null: not within a year)'),
    timeZone: z.string().optional().describe('The team’s time zone'),
    offline: form.nullable().describe('Shown while nobody is available; null: the inbox turned it off'),
    preChat: form.nullable().describe('Shown before the first message of a new conversation; null: none'),
  })
  .describe('The widget’s forms in the visitor’s language');

const clientId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII')
  .describe('Chosen by the widget: the same id twice starts one conversation (a form sent again)');
const text = (max: number) => z.string().max(max);
const language = z.enum(LANGUAGES).optional().describe('The language the widget speaks: the consent text recorded is the one shown in it');

export const offlineMessageInput = z.object({
  clientId,
  name: text(1000).optional(),
  email: text(1000).optional().describe('Required, unless the website vouched for the visitor and gave their email'),
  message: text(20_000),
  language,
});

export const preChatInput = z.object({
  clientId,
  name: text(1000).optional(),
  email: text(1000).optional(),
  phone: text(1000).optional(),
  team: text(200).optional().describe('The id of one of the teams the form offers'),
  consent: z.boolean().optional(),
  attributes: z
    .record(z.string().max(40), z.union([text(4000), z.number(), z.boolean()]))
    .refine((a) => Object.keys(a).length <= 100, 'At most 100 attributes')
    .optional()
    .describe('Custom attribute values by key: text, a number, a date YYYY-MM-DD, a list choice, true/false, an http(s) link'),
  message: text(20_000).describe('The first message of the conversation'),
  language,
});

export type OfflineMessageInput = z.infer<typeof offlineMessageInput>;
export type PreChatInput = z.infer<typeof preChatInput>;

export const formResultSchema = z.object({
  conversation: conversationSchema,
  message: messageSchema.describe('The visitor’s first message'),
  duplicate: z.boolean().describe('The form was sent before with this client id: nothing new was stored'),
});

export const offlineResultSchema = formResultSchema.extend({ replyTo: z.string().describe('The address the reply goes to') });
