import { z } from 'zod';
import { displayName } from '../fields.js';

export interface Visitor {
  id: string;
  workspaceId: string;
  inboxId: string;
  contactId: string | null;
}

export const widgetSessionInput = z.object({
  websiteKey: z.string().min(1).max(64),
  /** The token from an earlier visit; unknown or missing tokens start a new visitor. */
  visitorToken: z.string().min(1).max(200).optional(),
  /** The embedding page's origin, checked against the inbox allow-list. */
  pageOrigin: z.string().max(200).optional(),
});

export const identifyInput = z.object({
  name: displayName(200).optional(),
  email: z.string().trim().toLowerCase().email().max(254).optional(),
});
