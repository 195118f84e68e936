import { z } from 'zod';

/** The statuses an operator sets by hand (snoozing has its own command). */
export const STATUSES = ['open', 'pending', 'resolved'] as const;
/**
 * Inbox views. Mine, Unassigned and All list active conversations, by the
 * status asked for (open or pending; all statuses when none is given);
 * Snoozed and Resolved are those statuses, whoever holds them; Mentions lists
 * the conversations where a note mentions the operator and they have not
 * looked since, newest mention first (status and label do not apply to it).
 */
export const VIEWS = ['mine', 'unassigned', 'mentions', 'all', 'snoozed', 'resolved'] as const;
export type View = (typeof VIEWS)[number];

export const listConversationsQuery = z.object({
  view: z.enum(VIEWS).default('all'),
  status: z.enum(STATUSES).optional(),
  /** Only conversations with this label. */
  label: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
});

export const countsQuery = z.object({ label: z.string().min(1).max(64).optional() });

export const snoozeInput = z.object({
  /** When it wakes (epoch ms); null: when the visitor writes again. */
  until: z.number().int().positive().nullable(),
});

export const mergeInput = z.object({
  /** The other conversation: its messages move into this one, and it is closed. */
  conversationId: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
});

export const assignInput = z.object({
  /** null unassigns, back to the Unassigned queue. */
  operatorId: z.string().min(1).max(64).nullable(),
});

export const statusInput = z.object({ status: z.enum(STATUSES) });

export const readInput = z.object({ seq: z.number().int().min(1) });

export type ListConversationsQuery = z.infer<typeof listConversationsQuery>;
