/** Working a conversation beyond replying: snooze, merge, and the views' counts. */
import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { conversationSchema, eventResultSchema, idParam } from '../http/schemas.js';
import { withHtml } from '../message/message.service.js';
import { countsQuery, mergeInput, snoozeInput, VIEWS } from './conversation.js';
import { COUNT_CAP } from './conversation.repository.js';
import { relatedConversations, viewCounts } from './conversation.service.js';
import { mergeConversations } from './merge-conversations.js';
import { setConversationTeam } from './set-conversation-team.js';
import { snoozeConversation } from './snooze-conversation.js';

const teamInput = z.object({
  /** null: no team (every operator of the workspace sees it). */
  teamId: z.string().min(1).max(64).nullable(),
});

export const workflowRoutes = (ctx: Context) => [
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/team',
    operationId: 'setConversationTeam',
    summary: "Move a conversation to a team, or to no team (teamId: null); who sees it follows (the team's members, its assignee, admins)",
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: teamInput,
    response: conversationSchema,
    handler: async ({ operator, params, body }) => setConversationTeam(ctx, { actor: operator!, conversationId: params.id, teamId: body.teamId }),
  }),
  route({
    method: 'GET',
    url: '/api/v1/conversations/counts',
    operationId: 'countConversations',
    summary:
      'How many conversations each inbox view holds (Mine, Unassigned and All: the open ones; Mentions: conversations with notes mentioning me that I have not seen, whatever the label), optionally with a label; a count above `cap` is answered as cap + 1 ("10,000+")',
    tag: 'conversations',
    auth: 'operator',
    query: countsQuery,
    response: z.object({ ...(Object.fromEntries(VIEWS.map((v) => [v, z.number()])) as Record<(typeof VIEWS)[number], z.ZodNumber>), cap: z.number() }),
    handler: async ({ operator, query }) => ({ ...(await viewCounts(ctx, operator!, query.label)), cap: COUNT_CAP }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/snooze',
    operationId: 'snoozeConversation',
    summary: 'Snooze until a time, or until the visitor writes again (until: null); a visitor message wakes it at once',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: snoozeInput,
    response: eventResultSchema,
    handler: async ({ operator, params, body }) => {
      const r = await snoozeConversation(ctx, { actor: operator!, conversationId: params.id, until: body.until });
      return { ...r, message: r.message && withHtml(r.message) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/conversations/:id/related',
    operationId: 'listRelatedConversations',
    summary: 'Other conversations of the same visitor or contact (what this one can be merged with)',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    response: z.object({ items: z.array(conversationSchema) }),
    handler: async ({ operator, params }) => ({ items: await relatedConversations(ctx, operator!, params.id) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/merge',
    operationId: 'mergeConversations',
    summary:
      'Merge another conversation of the same visitor or contact into this one: every message of both, in time order; the other is closed with a pointer here',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: mergeInput,
    response: z.object({ conversation: conversationSchema, from: conversationSchema }),
    handler: async ({ operator, params, body }) => mergeConversations(ctx, { actor: operator!, intoId: params.id, fromId: body.conversationId }),
  }),
];
