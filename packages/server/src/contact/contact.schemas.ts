/** What the contact routes answer, for the OpenAPI document (the route tests parse real answers with them). */
import { z } from 'zod';
import { ATTRIBUTE_TYPES } from './contact-attribute.js';

export const attributeValueSchema = z.union([z.string(), z.number(), z.boolean()]);

export const contactDetailSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  company: z.string().nullable(),
  avatarUrl: z.string().nullable().describe('An http(s) address; null: show initials'),
  attributes: z.record(z.string(), attributeValueSchema).describe('Values of the workspace’s custom attributes, by key'),
  labels: z.array(z.string()).describe('Label ids, in the order they were added'),
  externalId: z.string().nullable().describe('The host site’s id for this person, when it vouched for them'),
  verified: z.boolean(),
  verifiedAt: z.number().nullable().describe('When the host site last vouched for this contact (a valid identity hash); null: unverified'),
  claimedId: z.string().nullable().describe('An id a visitor’s page claimed without a valid hash: unverified'),
  lastSeenAt: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  counts: z.object({ conversations: z.number(), notes: z.number() }).nullable().describe('On one contact only; null in lists'),
  consent: z
    .object({ text: z.string(), language: z.string(), givenAt: z.number(), conversationId: z.string().nullable() })
    .nullable()
    .optional()
    .describe('On one contact only: the latest consent given in a pre-chat form, with the text shown and its language'),
});

export const attributeSchema = z.object({
  id: z.string(),
  key: z.string(),
  label: z.string(),
  type: z.enum(ATTRIBUTE_TYPES),
  options: z.array(z.string()),
  position: z.number(),
});

export const contactNoteSchema = z.object({
  id: z.string(),
  contactId: z.string(),
  author: z.object({ id: z.string().nullable(), name: z.string() }),
  body: z.string(),
  createdAt: z.number(),
  html: z.string().describe('The text as safe HTML'),
});

const problem = z.object({ row: z.number(), column: z.string().nullable(), message: z.string() });

export const importSchema = z.object({
  id: z.string(),
  fileName: z.string(),
  status: z.enum(['uploaded', 'checked', 'queued', 'running', 'done', 'failed', 'cancelled']),
  total: z.number().describe('Data rows in the file'),
  done: z.number().describe('Rows gone through so far'),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  refused: z.number(),
  problems: z.array(problem).describe('The refused rows (at most the first 1,000): row number as in a spreadsheet, column, reason'),
  error: z.string().nullable(),
  createdAt: z.number(),
  finishedAt: z.number().nullable(),
});
