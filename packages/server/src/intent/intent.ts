/** The intent feature's schemas (input validation and the OpenAPI document) and its few constants. */
import { z } from 'zod';

/** A label needs this many labelled conversations to be learned; those with fewer are left out (and listed). */
export const MIN_EXAMPLES_PER_LABEL = 5;
/** The label the built-in everyday questions are trained under: "none of these". */
export const NONE_LABEL = '\u0000none';

const labelCount = z.object({ labelId: z.string(), name: z.string(), examples: z.number() });

export const intentModelSchema = z.object({
  id: z.string(),
  version: z.number(),
  active: z.boolean(),
  labels: z.array(labelCount).describe('The labels the model predicts, with their labelled conversations'),
  skipped: z.array(labelCount).describe('Labels left out: too few labelled conversations'),
  exampleCount: z.number(),
  accuracy: z.number().nullable().describe('Share of held-out labelled conversations given their label (0–1)'),
  threshold: z.number().describe('Below this confidence the answer is "none of these"'),
  createdBy: z.string().nullable(),
  createdAt: z.number(),
});

export const intentTrainingSchema = z.object({
  id: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  stage: z.string().nullable(),
  percent: z.number(),
  error: z.string().nullable(),
  modelId: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});

export const intentModelListSchema = z.object({
  items: z.array(intentModelSchema),
  training: intentTrainingSchema.nullable().describe('The latest training run'),
});

export const conversationIntentSchema = z.object({
  conversationId: z.string(),
  status: z.enum(['pending', 'decided']),
  labelId: z.string().nullable(),
  labelName: z.string().nullable(),
  confidence: z.number().nullable(),
  modelVersion: z.number().nullable(),
  routedTeamId: z.string().nullable(),
  routedTeamName: z.string().nullable(),
  decidedAt: z.number().nullable(),
});

const route = z.object({ labelId: z.string().min(1).max(64), teamId: z.string().min(1).max(64) });

export const intentRoutingSchema = z.object({ inboxId: z.string(), enabled: z.boolean(), routes: z.array(route) });

export const intentRoutingInput = z.object({
  enabled: z.boolean(),
  routes: z.array(route).max(200).describe('Label -> team: a confident prediction of the label moves a new conversation to the team'),
});
