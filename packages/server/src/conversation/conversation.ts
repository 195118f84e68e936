import { z } from 'zod';

export const STATUSES = ['open', 'pending', 'resolved'] as const;
export const VIEWS = ['mine', 'unassigned', 'all'] as const;
export type View = (typeof VIEWS)[number];

export const listConversationsQuery = z.object({
  view: z.enum(VIEWS).default('all'),
  status: z.enum(STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(200).optional(),
});

export const assignInput = z.object({
  /** null unassigns, back to the Unassigned queue. */
  operatorId: z.string().min(1).max(64).nullable(),
});

export const statusInput = z.object({ status: z.enum(STATUSES) });

export const readInput = z.object({ seq: z.number().int().min(1) });

export type ListConversationsQuery = z.infer<typeof listConversationsQuery>;
