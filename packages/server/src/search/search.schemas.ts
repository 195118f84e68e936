/** The search route's input and output, as the OpenAPI document shows them. */
import { z } from 'zod';
import { SEARCH_KINDS } from './search.js';

const id = z.string().min(1).max(100);

export const searchQuery = z
  .object({
    q: z.string().trim().min(1).max(200),
    /** Omitted: a first page of each kind (contacts and articles not with conversation filters). */
    kind: z.enum(SEARCH_KINDS).optional(),
    status: z.enum(['open', 'pending', 'snoozed', 'resolved']).optional(),
    inboxId: id.optional(),
    teamId: id.optional(),
    labelId: id.optional(),
    operatorId: id.optional(),
    from: z.coerce.number().int().min(0).optional(),
    to: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
    /** From the page before (`nextCursor`); with `kind`. */
    cursor: z
      .string()
      .regex(/^\d{1,3}$/, 'Not a cursor of this search')
      .optional(),
  })
  .refine((v) => v.cursor === undefined || v.kind !== undefined, { message: 'A cursor goes with a kind', path: ['cursor'] });
export type SearchQuery = z.infer<typeof searchQuery>;

const highlighted = z.object({
  text: z.string(),
  ranges: z.array(z.tuple([z.number().int(), z.number().int()])).describe('The [start, end) character ranges that matched'),
});

export const messageHitSchema = z.object({
  kind: z.enum(['message', 'note']).describe('note: a private note (operators only)'),
  id: z.string(),
  conversationId: z.string(),
  seq: z.number().int(),
  authorKind: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.number().int(),
  status: z.string(),
  inboxId: z.string(),
  teamId: z.string().nullable(),
  snippet: highlighted,
});

export const contactHitSchema = z.object({
  id: z.string(),
  name: highlighted.nullable(),
  email: highlighted.nullable(),
  phone: highlighted.nullable(),
  company: highlighted.nullable(),
});

export const articleHitSchema = z.object({
  id: z.string(),
  title: highlighted,
  snippet: highlighted.describe('About 160 characters of the body as plain text (the description when only it matched)'),
  state: z.enum(['draft', 'published']),
  locale: z.string(),
  slug: z.string(),
  url: z.string().describe('Its public address in the help centre (it answers only once published)'),
  updatedAt: z.number().int(),
});

const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export const searchResultSchema = z.object({
  messages: pageOf(messageHitSchema).nullable(),
  contacts: pageOf(contactHitSchema).nullable(),
  articles: pageOf(articleHitSchema).nullable().describe('Articles of the knowledge base, drafts too; null when not asked'),
});
export type SearchResult = z.infer<typeof searchResultSchema>;
