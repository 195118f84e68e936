import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam, operatorSchema } from '../http/schemas.js';
import type { Presence } from '../realtime/presence.js';
import { createOperatorInput, updateOperatorInput } from './operator.js';
import { presentOperator } from './operator.presenter.js';
import { createOperator, getOperator, listOperators, updateOperator } from './operator.service.js';

export const operatorRoutes = (ctx: Context, presence: Presence) => [
  route({
    method: 'GET',
    url: '/api/v1/operators',
    operationId: 'listOperators',
    summary: 'Operators of the workspace with their presence',
    tag: 'operators',
    auth: 'operator',
    response: z.object({ items: z.array(operatorSchema) }),
    handler: async ({ operator }) => ({
      items: (await listOperators(ctx, operator!)).map((o) => presentOperator(o, presence.statusOf(o.id))),
    }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/operators',
    operationId: 'createOperator',
    summary: 'Create an operator with a password, or invite one (no password: the answer has a one-time invite link)',
    tag: 'operators',
    auth: 'operator',
    body: createOperatorInput,
    status: 201,
    response: z.object({
      operator: operatorSchema,
      /** The invite link on PUBLIC_URL; null when it is not configured (the console then puts its own address before `invitePath`). */
      inviteUrl: z.string().nullable(),
      invitePath: z.string().nullable(),
      inviteExpiresAt: z.number().nullable(),
    }),
    handler: async ({ operator, body }) => {
      const r = await createOperator(ctx, operator!, body);
      // The link is built from the configured address, never from the request's Host header.
      const invitePath = r.inviteToken ? `/console/#/invite/${r.inviteToken}` : null;
      return {
        operator: presentOperator(r.operator, 'offline'),
        inviteUrl: invitePath && ctx.config.publicUrl ? `${ctx.config.publicUrl.replace(/\/+$/, '')}${invitePath}` : null,
        invitePath,
        inviteExpiresAt: r.inviteExpiresAt,
      };
    },
  }),
  route({
    method: 'GET',
    url: '/api/v1/operators/:id',
    operationId: 'getOperator',
    summary: 'One operator',
    tag: 'operators',
    auth: 'operator',
    params: idParam,
    response: operatorSchema,
    handler: async ({ operator, params }) => {
      const o = await getOperator(ctx, operator!, params.id);
      return presentOperator(o, presence.statusOf(o.id));
    },
  }),
  route({
    method: 'PATCH',
    url: '/api/v1/operators/:id',
    operationId: 'updateOperator',
    summary: 'Rename, change role, disable or enable an operator',
    tag: 'operators',
    auth: 'operator',
    params: idParam,
    body: updateOperatorInput,
    response: operatorSchema,
    handler: async ({ operator, params, body }) => {
      const o = await updateOperator(ctx, operator!, params.id, body);
      return presentOperator(o, presence.statusOf(o.id));
    },
  }),
];
