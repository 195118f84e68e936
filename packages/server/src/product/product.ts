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

export const productImageParams = z.object({ workspaceId: z.string().min(1).max(100), productId: z.string().min(1).max(100) });

const ids = z.array(z.string().max(100)).max(50);

/** The body of PUT /products/:productId: shapes only; every field's rules (with stable codes) are checkProduct's. */
export const productInputSchema = z.object({
  name: z.string().max(1000).describe('1 to 200 characters'),
  description: z.string().max(20_000).optional().describe('At most 5,000 characters'),
  price: z
    .union([z.number(), z.string().max(40)])
    .optional()
    .describe('A decimal amount ≥ 0 in the currency (12.5); or give priceMinor'),
  priceMinor: z.number().int().optional().describe('Minor units (1250 for 12.50 EUR), when price is not given'),
  currency: z.string().max(10).describe('ISO 4217, such as EUR'),
  imageUrl: z.string().max(4000).nullable().optional().describe('http(s) only; cards show the server’s checked copy'),
  pageUrl: z.string().max(4000).nullable().optional().describe('http(s) only'),
  category: z.string().max(1000).nullable().optional().describe('At most 100 characters'),
  tags: z.array(z.string().max(1000)).max(1000).optional().describe('At most 30, each at most 50 characters'),
  stock: z.string().max(40).optional().describe('in_stock (default), out_of_stock or preorder'),
  attributes: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .optional()
    .describe('At most 30: name → text or number'),
  related: z
    .object({ accessories: ids.optional(), alternatives: ids.optional() })
    .optional()
    .describe('Ids of products of the catalogue; not the product itself'),
});

const problemSchema = z.object({ row: z.number().optional(), column: z.string().nullable(), code: z.string(), message: z.string() });

export const productImportPreviewSchema = z.object({
  columns: z.array(z.object({ header: z.string(), field: z.string().nullable() })),
  rows: z.number(),
  creates: z.number(),
  updates: z.number(),
  preview: z.array(productSchema).describe('The first rows as they will be stored'),
  problems: z.array(problemSchema).describe('Every problem (at most the first 1,000); any refuses the whole import'),
  refused: z.number().describe('Rows with a problem'),
});
