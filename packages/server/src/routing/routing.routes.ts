/** HTTP routes of routing: the Queue and taking from it, priority, team routing settings, operator capacity. */
import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { conversationSchema, eventResultSchema, idParam } from '../http/schemas.js';
import { withHtml } from '../message/message.service.js';
import { PRIORITIES } from './priority.js';
import type { Router } from './router.js';
import { getOperatorCapacity, getTeamRouting, listQueue, setOperatorCapacity, updateTeamRouting } from './routing.service.js';
import { setPriority } from './set-priority.js';
import { takeConversation } from './take-conversation.js';
import { operatorCapacityInput, teamRoutingInput, teamRoutingSchema } from './team-routing.js';

const priorityInput = z.object({ priority: z.enum(PRIORITIES as ['urgent', 'high', 'normal', 'low']) });
const queueQuery = z.object({
  teamId: z.string().min(1).max(64).optional().describe('One team’s queue; all teams when absent'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
const capacitySchema = z.object({ operatorId: z.string(), capacity: z.number().nullable() });

export const routingRoutes = (ctx: Context, router: Router) => [
  route({
    method: 'GET',
    url: '/api/v1/queue',
    operationId: 'listQueue',
    summary: 'Conversations waiting for an operator: requeued ones first, then by priority, then by waiting time, each with its place in its team’s queue',
    tag: 'routing',
    auth: 'operator',
    query: queueQuery,
    response: z.object({ items: z.array(z.object({ conversation: conversationSchema, position: z.number() })) }),
    handler: async ({ operator, query }) => ({ items: await listQueue(ctx, operator!, query.teamId, query.limit) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/take',
    operationId: 'takeConversation',
    summary: 'Take a waiting conversation from the queue, within your capacity (admins and owners beyond it); 409 when it is not waiting any more',
    tag: 'routing',
    auth: 'operator',
    params: idParam,
    response: eventResultSchema,
    handler: async ({ operator, params }) => {
      const r = await takeConversation(ctx, { actor: operator!, conversationId: params.id });
      return { ...r, message: r.message && withHtml(r.message) };
    },
  }),
  route({
    method: 'PUT',
    url: '/api/v1/conversations/:id/priority',
    operationId: 'setConversationPriority',
    summary: 'Set the priority (urgent, high, normal, low): recorded as a system line; the queue takes the most urgent first',
    tag: 'routing',
    auth: 'operator',
    params: idParam,
    body: priorityInput,
    response: eventResultSchema,
    handler: async ({ operator, params, body }) => {
      const r = await setPriority(ctx, { actor: operator!, conversationId: params.id, priority: body.priority });
      return { ...r, message: r.message && withHtml(r.message) };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/teams/:id/routing',
    operationId: 'getTeamRouting',
    summary: 'How the team hands out its queue: mode (manual, round_robin, least_busy), default capacity, answer time limit',
    tag: 'routing',
    auth: 'operator',
    params: idParam,
    response: teamRoutingSchema,
    handler: async ({ operator, params }) => getTeamRouting(ctx, operator!, params.id),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/teams/:id/routing',
    operationId: 'updateTeamRouting',
    summary: 'Change how the team hands out its queue (admins); what waits is handed out at once if it can be',
    tag: 'routing',
    auth: 'operator',
    params: idParam,
    body: teamRoutingInput,
    response: teamRoutingSchema,
    handler: async ({ operator, params, body }) => updateTeamRouting(ctx, router, operator!, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/operators/:id/capacity',
    operationId: 'getOperatorCapacity',
    summary: 'The operator’s own capacity (null: their teams’ default)',
    tag: 'routing',
    auth: 'operator',
    params: idParam,
    response: capacitySchema,
    handler: async ({ operator, params }) => getOperatorCapacity(ctx, operator!, params.id),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/operators/:id/capacity',
    operationId: 'setOperatorCapacity',
    summary: 'Set the most conversations open at once that routing gives the operator (admins); null: their teams’ default',
    tag: 'routing',
    auth: 'operator',
    params: idParam,
    body: operatorCapacityInput,
    response: capacitySchema,
    handler: async ({ operator, params, body }) => setOperatorCapacity(ctx, router, operator!, params.id, body.capacity),
  }),
];
