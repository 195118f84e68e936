import { z } from 'zod';
import { sendFrame } from '@switchboard/protocol/schema';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { conversationSchema, eventResultSchema, historyQuery, historySchema, idParam, pageOf, sendResultSchema } from '../http/schemas.js';
import { historyWithHtml, operatorHistory, sendOperatorMessage, withHtml } from '../message/message.service.js';
import { authorize } from '../policy/policy.js';
import { assignConversation } from './assign-conversation.js';
import { assignInput, listConversationsQuery, readInput, statusInput } from './conversation.js';
import { getConversation, visibleConversationRow, listConversations } from './conversation.service.js';
import { markRead } from './mark-read.js';
import type { EventResult } from './record-event.js';
import { setConversationStatus } from './set-conversation-status.js';

const eventWithHtml = (r: EventResult) => ({ ...r, message: r.message && withHtml(r.message) });

const sendInput = sendFrame.pick({ body: true, attachmentIds: true, rich: true }).extend({ clientId: sendFrame.shape.clientId.optional() });

export const conversationRoutes = (ctx: Context) => [
  route({
    method: 'GET',
    url: '/api/v1/conversations',
    operationId: 'listConversations',
    summary: 'Inbox views: mine, unassigned or all, filtered by status, newest activity first',
    tag: 'conversations',
    auth: 'operator',
    query: listConversationsQuery,
    response: pageOf(conversationSchema),
    handler: async ({ operator, query }) => listConversations(ctx, operator!, query),
  }),
  route({
    method: 'GET',
    url: '/api/v1/conversations/:id',
    operationId: 'getConversation',
    summary: 'One conversation',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    response: conversationSchema,
    handler: async ({ operator, params }) => getConversation(ctx, operator!, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/conversations/:id/messages',
    operationId: 'listMessages',
    summary: 'History: the latest page, a page before a sequence number, or everything after one',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    query: historyQuery,
    response: historySchema,
    handler: async ({ operator, params, query }) => historyWithHtml(await operatorHistory(ctx, operator!, params.id, query)),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/messages',
    operationId: 'sendMessage',
    summary: 'Reply. With a clientId, sending twice stores once.',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: sendInput,
    status: 201,
    response: sendResultSchema,
    handler: async ({ operator, params, body }) => {
      const r = await sendOperatorMessage(ctx, operator!, {
        conversationId: params.id,
        clientId: body.clientId ?? null,
        body: body.body,
        attachmentIds: body.attachmentIds,
        rich: body.rich,
      });
      return { ...r, message: withHtml(r.message) };
    },
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/assign',
    operationId: 'assignConversation',
    summary: 'Assign to an operator (yourself, or anyone as an admin), or back to Unassigned with null',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: assignInput,
    response: eventResultSchema,
    handler: async ({ operator, params, body }) =>
      eventWithHtml(await assignConversation(ctx, { actor: operator!, conversationId: params.id, operatorId: body.operatorId })),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/status',
    operationId: 'setConversationStatus',
    summary: 'Resolve, reopen or mark pending',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: statusInput,
    response: eventResultSchema,
    handler: async ({ operator, params, body }) =>
      eventWithHtml(await setConversationStatus(ctx, { actor: operator!, conversationId: params.id, status: body.status })),
  }),
  route({
    method: 'POST',
    url: '/api/v1/conversations/:id/read',
    operationId: 'markConversationRead',
    summary: 'Mark read up to a sequence number (read receipt to the visitor)',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    body: readInput,
    response: z.object({ moved: z.boolean() }),
    handler: async ({ operator, params, body }) => {
      authorize(operator!, 'conversation.view');
      await visibleConversationRow(ctx, operator!, params.id);
      return { moved: await markRead(ctx, { workspaceId: operator!.workspaceId, conversationId: params.id, reader: 'operator', seq: body.seq }) };
    },
  }),
];
