import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { messageHtml } from '@switchboard/text';
import type { ScheduledMessageDto } from '@switchboard/protocol';
import { cancelScheduledMessage, listScheduled, scheduleMessage } from './schedule-message.js';
import { scheduledSchema, scheduleMessageInput } from './scheduled.js';

const withHtml = (s: ScheduledMessageDto) => ({ ...s, html: messageHtml(s.body) });
const scheduledParams = idParam.extend({ scheduledId: idParam.shape.id });

export const scheduledRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/conversations/:id/scheduled',
    operationId: 'listScheduledMessages',
    summary: 'Messages of the conversation scheduled to be sent later: waiting, going out, or failed (operators only), in sending order',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    response: z.object({ items: z.array(scheduledSchema) }),
    handler: async ({ operator, params }) => ({ items: (await listScheduled(ctx, operator!, params.id)).map(withHtml) }),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/scheduled',
    operationId: 'scheduleMessage',
    summary: 'Schedule a reply to go out at a time (send later); it survives restarts and goes out once. With a clientId, scheduling twice stores once.',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: scheduleMessageInput,
    status: 201,
    response: z.object({ scheduled: scheduledSchema, duplicate: z.boolean() }),
    handler: async ({ operator, params, body }) => {
      const r = await scheduleMessage(ctx, operator!, params.id, body);
      return { ...r, scheduled: withHtml(r.scheduled) };
    },
  }),
  route({
    method: 'DELETE',
    url: '/api/v1/conversations/:id/scheduled/:scheduledId',
    operationId: 'cancelScheduledMessage',
    summary: 'Cancel a scheduled message that has not started going out (or dismiss one that failed): its author or an admin',
    tag: 'conversations',
    auth: 'operator',
    params: scheduledParams,
    response: scheduledSchema,
    handler: async ({ operator, params }) => withHtml(await cancelScheduledMessage(ctx, operator!, params.id, params.scheduledId)),
  }),
];
