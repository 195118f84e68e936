/** The catalogue's schemas at the API boundary (E2). */
import { z } from 'zod';

export const productIdParam = z.object({ productId: z.string().min(1).max(100) });

export const productsQuery = z.object({
  q: z.string().max(200).optional().describe('Words to find in the id, name, description, category or tags'),
  category: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(400).optional(),
});

const attributes = z.record(z.string(), z.union([z.string(), z.number()]));

export const productSchema = z.object({
  id: z.string().describe('The shop’s own product id'),
  name: z.string(),
  description: z.string(),
  priceMinor: z.number().describe('Price in minor units (cents) of the currency'),
  currency: z.string().describe('ISO 4217'),
  imageUrl: z.string().nullable().describe('Path of the server’s checked copy of the image'),
  imageSourceUrl: z.string().nullable().describe('The shop’s image address, as given'),
  pageUrl: z.string().nullable(),
  category: z.string().nullable(),
  tags: z.array(z.string()),
  stock: z.enum(['in_stock', 'out_of_stock', 'preorder']),
  attributes,
  related: z.object({ accessories: z.array(z.string()), alternatives: z.array(z.string()) }),
  createdAt: z.number(),
  updatedAt: z.number(),
});
