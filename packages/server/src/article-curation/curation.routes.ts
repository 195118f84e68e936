import { z } from 'zod';
import { articleSchema } from '../article/article.js';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { dismissGap, draftFromGap, getGap, listGaps } from './content-gaps.service.js';
import { effectivenessQuery, effectivenessSchema, faqDraftSchema, faqListSchema, gapClusterDetailSchema, gapClusterSchema, pageQuery } from './curation.js';
import { articleEffectiveness } from './effectiveness.js';
import { createFromFaq, dismissFaq, listFaqDrafts, startMining } from './faq-drafts.service.js';

const tag = 'articles';

export const curationRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/content-gaps',
    operationId: 'listContentGaps',
    summary: 'Visitor questions no article answers, grouped by similarity, most frequent first (owners, admins, supervisors)',
    tag,
    auth: 'operator',
    query: pageQuery,
    response: z.object({ items: z.array(gapClusterSchema), nextOffset: z.number().nullable() }),
    handler: async ({ operator, query }) => listGaps(ctx, operator!, query),
  }),
  route({
    method: 'GET',
    url: '/api/v1/content-gaps/:id',
    operationId: 'getContentGap',
    summary: 'A content gap with all its questions and their conversations',
    tag,
    auth: 'operator',
    params: idParam,
    response: gapClusterDetailSchema,
    handler: async ({ operator, params }) => getGap(ctx, operator!, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/v1/content-gaps/:id/dismiss',
    operationId: 'dismissContentGap',
    summary: 'Take a content gap off the list',
    tag,
    auth: 'operator',
    params: idParam,
    response: gapClusterDetailSchema,
    handler: async ({ operator, params }) => dismissGap(ctx, operator!, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/v1/content-gaps/:id/draft',
    operationId: 'draftFromContentGap',
    summary: 'Start a draft article from a content gap: its label as the title, its questions in the body',
    tag,
    auth: 'operator',
    params: idParam,
    status: 201,
    response: articleSchema,
    handler: async ({ operator, params }) => draftFromGap(ctx, operator!, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/faq-drafts',
    operationId: 'listFaqDrafts',
    summary: 'FAQ drafts mined from resolved conversations, pending first, biggest first',
    tag,
    auth: 'operator',
    response: faqListSchema,
    handler: async ({ operator }) => listFaqDrafts(ctx, operator!),
  }),
  route({
    method: 'POST',
    url: '/api/v1/faq-drafts/mine',
    operationId: 'mineFaqDrafts',
    summary: 'Mine FAQ drafts now (a durable job; the list says while it runs)',
    tag,
    auth: 'operator',
    status: 202,
    response: z.object({ jobId: z.string() }),
    handler: async ({ operator }) => startMining(ctx, operator!),
  }),
  route({
    method: 'POST',
    url: '/api/v1/faq-drafts/:id/create',
    operationId: 'createArticleFromFaqDraft',
    summary: 'Make a draft article from a FAQ draft: the question as the title, the best answer as the body',
    tag,
    auth: 'operator',
    params: idParam,
    status: 201,
    response: articleSchema,
    handler: async ({ operator, params }) => createFromFaq(ctx, operator!, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/v1/faq-drafts/:id/dismiss',
    operationId: 'dismissFaqDraft',
    summary: 'Take a FAQ draft off the review queue',
    tag,
    auth: 'operator',
    params: idParam,
    response: faqDraftSchema,
    handler: async ({ operator, params }) => dismissFaq(ctx, operator!, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/articles/effectiveness',
    operationId: 'articleEffectiveness',
    summary: 'Views, votes, chats avoided and insertions per article over a period (default: the last 30 days)',
    tag,
    auth: 'operator',
    query: effectivenessQuery,
    response: effectivenessSchema,
    handler: async ({ operator, query }) => articleEffectiveness(ctx, operator!, query),
  }),
];
