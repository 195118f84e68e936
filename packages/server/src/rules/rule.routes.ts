/** HTTP routes of Settings → Rules. */
import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import type { RulesEngine } from './engine.js';
import { reorderInput, ruleInput, ruleSchema, ruleUpdate } from './rule.js';
import { createRule, deleteRule, listRules, reorderRules, updateRule } from './rule.service.js';

const rulesSchema = z.object({ items: z.array(ruleSchema) });

export const ruleRoutes = (ctx: Context, engine: RulesEngine) => [
  route({
    method: 'GET',
    url: '/api/v1/rules',
    operationId: 'listRules',
    summary: 'The workspace’s rules in the order they run, each with its last run and last error (supervisors read, admins change)',
    tag: 'rules',
    auth: 'operator',
    response: rulesSchema,
    handler: async ({ operator }) => ({ items: await listRules(ctx, operator!) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/rules',
    operationId: 'createRule',
    summary: 'Add a rule at the end; an unknown team, label, inbox or contact attribute is refused (`validation_failed`, details: `unknown_team`…)',
    tag: 'rules',
    auth: 'operator',
    body: ruleInput,
    response: ruleSchema,
    handler: async ({ operator, body }) => createRule(ctx, engine, operator!, body),
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/rules/:id',
    operationId: 'updateRule',
    summary: 'Change a rule: its name, enabled flag, event, conditions or actions',
    tag: 'rules',
    auth: 'operator',
    params: idParam,
    body: ruleUpdate,
    response: ruleSchema,
    handler: async ({ operator, params, body }) => updateRule(ctx, engine, operator!, params.id, body),
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/rules/:id',
    operationId: 'deleteRule',
    summary: 'Delete a rule and its runs',
    tag: 'rules',
    auth: 'operator',
    params: idParam,
    handler: async ({ operator, params }) => deleteRule(ctx, engine, operator!, params.id),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/rules/order',
    operationId: 'reorderRules',
    summary: 'Put the rules in this order (every rule of the workspace, once each); they run in it',
    tag: 'rules',
    auth: 'operator',
    body: reorderInput,
    response: rulesSchema,
    handler: async ({ operator, body }) => ({ items: await reorderRules(ctx, engine, operator!, body.ids) }),
  }),
];
