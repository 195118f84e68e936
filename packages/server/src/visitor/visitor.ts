import { z } from 'zod';

export interface Visitor {
  id: string;
  workspaceId: string;
  inboxId: string;
  contactId: string | null;
  /** The contact a valid identity hash verified this visitor as (their history on any device); null: unverified. */
  verifiedContactId: string | null;
}

export const widgetSessionInput = z.object({
  websiteKey: z.string().min(1).max(64),
  /** The token from an earlier visit; unknown or missing tokens start a new visitor. */
  visitorToken: z.string().min(1).max(200).optional(),
  /** The embedding page's origin, checked against the inbox allow-list. */
  pageOrigin: z.string().max(200).optional(),
});

/** A visitor's pages, newest first: all of them, or one visit's. */
export const pagesQuery = z.object({
  visitId: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/, 'must be an id')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

/** Start chat: the operator's first message to a visitor on the site. */
export const startChatInput = z.object({
  body: z.string().trim().min(1, 'Write the first message').max(10_000, 'Keep the message under 10,000 characters'),
  /** The same id twice starts one conversation (a retried request). */
  clientId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII')
    .optional(),
});
