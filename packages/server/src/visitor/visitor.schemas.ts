/** What the visitor routes answer, for the OpenAPI document (the route tests parse real answers with them). */
import { z } from 'zod';
import { visitorSchema } from '../http/schemas.js';

const nullableText = z.string().nullable();

export const visitSchema = z.object({
  id: z.string(),
  number: z.number().describe('1 for the visitor’s first visit'),
  startedAt: z.number(),
  lastActivityAt: z.number(),
  landingUrl: z.string(),
  referrer: nullableText.describe('The other site the visitor came from; null: direct, or from the site itself'),
  utm: z
    .object({ source: nullableText, medium: nullableText, campaign: nullableText, term: nullableText, content: nullableText })
    .nullable()
    .describe('utm_* parameters of the landing page'),
  device: z.object({
    type: nullableText.describe('desktop, mobile, tablet, tv or bot'),
    browser: nullableText,
    browserVersion: nullableText,
    os: nullableText,
  }),
  pageViews: z.number(),
});

export const visitorDetailsSchema = visitorSchema.extend({
  visitCount: z.number().describe('How many visits; 1: a new visitor'),
  visit: visitSchema.nullable().describe('The latest visit (the current one while the visitor is on the site)'),
  online: z.boolean().describe('The visitor has the site open now'),
});

export const pageViewSchema = z.object({
  id: z.string(),
  visitId: z.string(),
  url: z.string(),
  title: nullableText,
  startedAt: z.number(),
  lastSeenAt: z.number().describe('Open until at least then: the next page, a heartbeat, or leaving'),
});
