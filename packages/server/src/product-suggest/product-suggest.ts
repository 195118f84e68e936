/** Product suggestions (E3) at the API boundary. */
import { z } from 'zod';

const card = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  priceMinor: z.number(),
  currency: z.string(),
  imageUrl: z.string().nullable().describe('Path of the server’s checked copy of the image'),
  pageUrl: z.string().nullable(),
  category: z.string().nullable(),
  stock: z.enum(['in_stock', 'out_of_stock', 'preorder']),
  attributes: z.record(z.string(), z.union([z.string(), z.number()])),
});

export const productSuggestionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10).default(5),
});

export const productSuggestionsDto = z.object({
  context: card.nullable().describe('The product the visitor is looking at or talking about, null when none is known'),
  suggestions: z.array(
    z.object({
      product: card,
      kind: z.enum(['cross_sell', 'up_sell', 'match']),
      reason: z.string().describe('Why it is suggested, shown to the operator as is'),
      anchorId: z.string().nullable().describe('The product in context it comes from; null for a match of the visitor’s words'),
    }),
  ),
  catalogue: z.boolean().describe('Whether the workspace has products at all'),
});
