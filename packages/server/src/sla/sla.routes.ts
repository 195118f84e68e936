import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { slaChoiceInput, slaChoiceSchema, slaPolicyInput, slaPolicySchema } from './sla.js';
import { createPolicy, deletePolicy, getPolicyChoice, listPolicies, setPolicyChoice, updatePolicy } from './sla.service.js';

const choice = (table: 'inboxes' | 'teams', url: string, what: string, op: string) => (ctx: Context) => [
  route({
    method: 'GET',
    url,
    operationId: `get${op}SlaPolicy`,
    summary: `The SLA policy of ${what}’s conversations; null: none`,
    tag: 'sla',
    auth: 'operator',
    params: idParam,
    response: slaChoiceSchema,
    handler: async ({ operator, params }) => getPolicyChoice(ctx, operator!, table, params.id),
  }),
  route({
    method: 'PUT',
    url,
    operationId: `set${op}SlaPolicy`,
    summary: `Choose the SLA policy of ${what}’s conversations (admins). A rule’s choice comes first, then the team’s, then the inbox’s`,
    tag: 'sla',
    auth: 'operator',
    params: idParam,
    body: slaChoiceInput,
    response: slaChoiceSchema,
    handler: async ({ operator, params, body }) => setPolicyChoice(ctx, operator!, table, params.id, body.policyId),
  }),
];

export const slaRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/sla-policies',
    operationId: 'listSlaPolicies',
    summary: 'The workspace’s SLA policies, by name',
    tag: 'sla',
    auth: 'operator',
    response: z.object({ policies: z.array(slaPolicySchema) }),
    handler: async ({ operator }) => ({ policies: await listPolicies(ctx, operator!) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/sla-policies',
    operationId: 'createSlaPolicy',
    summary: 'Create an SLA policy: first response, next response and resolution targets, the near-breach warning, business hours (admins)',
    tag: 'sla',
    auth: 'operator',
    body: slaPolicyInput,
    response: slaPolicySchema,
    status: 201,
    handler: async ({ operator, body }) => createPolicy(ctx, operator!, body),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/sla-policies/:id',
    operationId: 'updateSlaPolicy',
    summary: 'Edit an SLA policy (admins); targets already running keep their times',
    tag: 'sla',
    auth: 'operator',
    params: idParam,
    body: slaPolicyInput,
    response: slaPolicySchema,
    handler: async ({ operator, params, body }) => updatePolicy(ctx, operator!, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/sla-policies/:id',
    operationId: 'deleteSlaPolicy',
    summary: 'Delete an SLA policy (admins); inboxes and teams that chose it have none',
    tag: 'sla',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => deletePolicy(ctx, operator!, params.id),
  }),
  ...choice('inboxes', '/api/v1/inboxes/:id/sla-policy', 'an inbox', 'Inbox')(ctx),
  ...choice('teams', '/api/v1/teams/:id/sla-policy', 'a team', 'Team')(ctx),
];
