/** Input and answer shapes of the knowledge base: categories, articles, versions. */
import { z } from 'zod';
import { displayName } from '../fields.js';

export const slugField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, 'Enter a slug')
  .max(80, 'Keep it under 80 characters')
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single hyphens, like getting-started');

/** A BCP 47 language tag such as en, de or pt-BR. */
export const localeField = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(?:-[a-zA-Z0-9]{2,8})?$/, 'Enter a language like en, de or pt-BR')
  .transform((s) => {
    const [lang, region] = s.split('-');
    return region ? `${lang!.toLowerCase()}-${region.length === 2 ? region.toUpperCase() : region}` : lang!.toLowerCase();
  });

const description = z.string().trim().max(300, 'Keep it under 300 characters');
const body = z.string().max(100_000, 'Keep the article under 100,000 characters');

export const createCategoryInput = z.object({
  name: displayName(80, 'a name for the category'),
  slug: slugField,
  description: description.default(''),
  position: z.number().int().min(0).max(10_000).optional(),
});
export const updateCategoryInput = z
  .object({
    name: displayName(80, 'a name for the category').optional(),
    slug: slugField.optional(),
    description: description.optional(),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Nothing to update');

export const createArticleInput = z.object({
  title: displayName(200, 'a title'),
  slug: slugField,
  description: description.default(''),
  body: body.default(''),
  locale: localeField.default('en'),
  categoryId: z.string().min(1).max(64).nullable().default(null),
  translationOf: z.string().min(1).max(64).nullable().default(null).describe('An article this one translates: they share a translation group'),
});
export const updateArticleInput = z
  .object({
    title: displayName(200, 'a title').optional(),
    slug: slugField.optional(),
    description: description.optional(),
    body: body.optional(),
    locale: localeField.optional(),
    categoryId: z.string().min(1).max(64).nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), 'Nothing to update');

export const listArticlesQuery = z.object({
  state: z.enum(['draft', 'published']).optional(),
  locale: localeField.optional(),
  categoryId: z.string().min(1).max(64).optional(),
});

export const previewInput = z.object({ body });
export const diffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });
export const versionParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9_-]+$/),
  number: z.coerce.number().int().min(1),
});

export const categorySchema = z.object({ id: z.string(), name: z.string(), slug: z.string(), description: z.string(), position: z.number() });
export const articleSchema = z.object({
  id: z.string(),
  title: z.string(),
  slug: z.string(),
  description: z.string(),
  body: z.string(),
  locale: z.string(),
  categoryId: z.string().nullable(),
  translationGroupId: z.string(),
  translations: z.array(z.object({ id: z.string(), locale: z.string(), title: z.string(), state: z.enum(['draft', 'published']) })),
  state: z.enum(['draft', 'published']),
  version: z.number(),
  publishedAt: z.number().nullable(),
  url: z.string().describe('The public address (answers 404 while a draft)'),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export const articleSummarySchema = articleSchema.omit({ body: true, translations: true });
export const versionSchema = z.object({
  number: z.number(),
  title: z.string(),
  authorId: z.string(),
  authorName: z.string().nullable(),
  createdAt: z.number(),
});
export const diffSchema = z.object({
  from: z.number(),
  to: z.number(),
  title: z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })),
  body: z.array(z.object({ kind: z.enum(['same', 'added', 'removed']), text: z.string() })),
});

export type CreateCategoryInput = z.infer<typeof createCategoryInput>;
export type UpdateCategoryInput = z.infer<typeof updateCategoryInput>;
export type CreateArticleInput = z.infer<typeof createArticleInput>;
export type UpdateArticleInput = z.infer<typeof updateArticleInput>;
export type ListArticlesQuery = z.infer<typeof listArticlesQuery>;
export type CategoryDto = z.infer<typeof categorySchema>;
export type ArticleDto = z.infer<typeof articleSchema>;
export type ArticleSummaryDto = z.infer<typeof articleSummarySchema>;
export type VersionDto = z.infer<typeof versionSchema>;
export type DiffDto = z.infer<typeof diffSchema>;
