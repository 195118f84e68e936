/** Input and answer shapes of content gaps, FAQ drafts and article effectiveness. */
import { z } from 'zod';

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
});

const example = z.object({ text: z.string(), conversationId: z.string(), createdAt: z.number() });

export const gapClusterSchema = z.object({
  id: z.string(),
  label: z.string().describe('The most representative question of the cluster'),
  count: z.number(),
  status: z.enum(['open', 'dismissed', 'covered']),
  articleId: z.string().nullable().describe('The published article that covered it'),
  lastSeenAt: z.number(),
  createdAt: z.number(),
  examples: z.array(example).describe('The latest three questions'),
});
export const gapClusterDetailSchema = gapClusterSchema.omit({ examples: true }).extend({
  questions: z.array(example.extend({ bestArticleId: z.string().nullable(), coverage: z.number().nullable() })),
});

export const faqQuestionSchema = z.object({ text: z.string(), conversationId: z.string() });
export const faqAnswerSchema = z.object({ text: z.string(), conversationId: z.string(), operatorId: z.string().nullable() });
export const faqDraftSchema = z.object({
  id: z.string(),
  label: z.string(),
  questions: z.array(faqQuestionSchema),
  answers: z.array(faqAnswerSchema).describe('Operators’ first replies, the best first'),
  size: z.number().describe('Conversations asking it'),
  status: z.enum(['pending', 'created', 'dismissed']),
  articleId: z.string().nullable(),
  createdAt: z.number(),
});
export const faqListSchema = z.object({
  items: z.array(faqDraftSchema),
  mining: z.boolean().describe('A mining run is due or running'),
  jobId: z.string().nullable(),
});

export const effectivenessQuery = z
  .object({ from: z.coerce.number().int().min(0).optional(), to: z.coerce.number().int().min(0).optional() })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, 'from must be before to');

const figures = {
  views: z.number(),
  viewsWidget: z.number(),
  viewsHelp: z.number(),
  helpful: z.number(),
  unhelpful: z.number(),
  chatsAvoided: z.number(),
  inserted: z.number(),
};
export const effectivenessSchema = z.object({
  from: z.number(),
  to: z.number(),
  items: z.array(z.object({ articleId: z.string(), title: z.string(), state: z.enum(['draft', 'published']), ...figures })),
  totals: z.object(figures),
});

export type GapClusterDto = z.infer<typeof gapClusterSchema>;
export type GapClusterDetailDto = z.infer<typeof gapClusterDetailSchema>;
export type FaqQuestion = z.infer<typeof faqQuestionSchema>;
export type FaqAnswer = z.infer<typeof faqAnswerSchema>;
export type FaqDraftDto = z.infer<typeof faqDraftSchema>;
export type EffectivenessDto = z.infer<typeof effectivenessSchema>;
