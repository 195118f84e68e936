import type { Context } from '../context.js';
import { route } from '../http/route.js';
import type { Presence } from '../realtime/presence.js';
import { wallQuery, wallSchema } from './wall.js';
import { supervisionWall } from './wall.service.js';

export const wallRoutes = (ctx: Context, presence: Presence) => [
  route({
    method: 'GET',
    url: '/api/v1/wall',
    operationId: 'getSupervisionWall',
    summary: 'The supervision wall: per team its queue and oldest wait, operators’ status, load and shift, conversations needing a look (supervisors, admins)',
    tag: 'hours',
    auth: 'operator',
    query: wallQuery,
    response: wallSchema,
    handler: async ({ operator, query }) => supervisionWall(ctx, presence, operator!, query),
  }),
];
