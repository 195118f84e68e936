import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { conversationSchema, idParam, messageSchema, pageOf } from '../http/schemas.js';
import { withHtml } from '../message/message.service.js';
import type { VisitorPresence } from '../realtime/visitor-presence.js';
import { startChat } from './start-chat.js';
import { getVisitorDetails, listVisitorPages } from './visit.service.js';
import { pagesQuery, startChatInput } from './visitor.js';
import { pageViewSchema, visitorDetailsSchema } from './visitor.schemas.js';

export const visitorRoutes = (ctx: Context, presence: VisitorPresence) => {
  const online = (id: string) => presence.isOnline(id);
  return [
    route({
      method: 'GET',
      url: '/api/v1/visitors/:id',
      operationId: 'getVisitor',
      summary: 'A visitor: current page, browser, local time zone, their latest visit (referrer, campaign, device) and number of visits',
      tag: 'visitors',
      auth: 'operator',
      params: idParam,
      response: visitorDetailsSchema,
      handler: async ({ operator, params }) => getVisitorDetails(ctx, operator!, params.id, online),
    }),
    route({
      method: 'GET',
      url: '/api/v1/visitors/:id/pages',
      operationId: 'listVisitorPages',
      summary: 'The pages a visitor viewed, newest first (of one visit with visitId), with when each opened and was last seen open',
      tag: 'visitors',
      auth: 'operator',
      params: idParam,
      query: pagesQuery,
      response: pageOf(pageViewSchema),
      handler: async ({ operator, params, query }) => listVisitorPages(ctx, operator!, params.id, query),
    }),
    route({
      method: 'POST',
      url: '/api/v1/visitors/:id/conversations',
      operationId: 'startChatWithVisitor',
      summary:
        'Start chat: a conversation with a visitor on the site now, assigned to you, with your first message; their chat opens. 409 when they left the site or are already chatting',
      tag: 'visitors',
      auth: 'operator',
      params: idParam,
      body: startChatInput,
      status: 201,
      response: z.object({ conversation: conversationSchema, message: messageSchema }),
      handler: async ({ operator, params, body }) => {
        const r = await startChat(ctx, { actor: operator!, visitorId: params.id, body: body.body, clientId: body.clientId, online });
        return { conversation: r.conversation, message: withHtml(r.message) };
      },
    }),
  ];
};
