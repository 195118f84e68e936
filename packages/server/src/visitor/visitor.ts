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
