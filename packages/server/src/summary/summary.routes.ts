import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { conversationSummaries, requestSummary } from './summary.service.js';

const tag = 'conversations';
const parts = z.array(z.string());

export const summarySchema = z.object({
  id: z.string(),
  conversationId: z.string(),
  reason: z.enum(['transfer', 'escalation', 'resolve', 'handover', 'request']).describe('What made it'),
  problem: parts.describe('The visitor’s problem'),
  done: parts.describe('What operators and bots did'),
  pending: parts.describe('What is still open; empty when nothing is'),
  source: z.enum(['extractive', 'model']).describe('extractive: sentences picked from the conversation; model: written by the workspace’s language model'),
  createdAt: z.number(),
  createdBy: z.string().nullable().describe('The operator whose action made it; null for a bot, a rule or the system'),
});

/** Conversation summaries (G4). */
export const summaryRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/conversations/:id/summaries',
    operationId: 'listConversationSummaries',
    summary: 'A conversation’s summaries (problem, done, pending), the latest first (up to 20)',
    tag,
    auth: 'operator',
    params: idParam,
    response: z.object({ items: z.array(summarySchema) }),
    handler: async ({ operator, params }) => ({ items: await conversationSummaries(ctx, operator!, params.id) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/summaries',
    operationId: 'summarizeConversation',
    summary: 'Summarize the conversation now ("Summarize"); stored and sent to its operators like the others',
    tag,
    auth: 'operator',
    params: idParam,
    status: 201,
    response: summarySchema,
    handler: async ({ operator, params }) => requestSummary(ctx, operator!, params.id),
  }),
];
