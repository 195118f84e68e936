import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../context.js';
import { ipLimiter } from '../http/ip-limit.js';
import { route } from '../http/route.js';
import { conversationSchema, historyQuery, historySchema, idParam } from '../http/schemas.js';
import { identifyInput, widgetSessionInput } from '../visitor/visitor.js';
import { identifyVisitor } from '../visitor/visitor.service.js';
import { visitorConversations } from '../conversation/conversation.service.js';
import { historyWithHtml } from '../message/message.service.js';
import { bootstrapWidget, visitorHistory, widgetLook } from './widget.service.js';
import { widgetKeyQuery } from './widget.js';

const look = {
  color: z.string().describe('The inbox colour, #rrggbb'),
  textColor: z.string().describe('Text colour that reads on the inbox colour at WCAG AA (4.5:1)'),
  position: z.enum(['right', 'left']),
};
const lookSchema = z.object({
  ...look,
  track: z.boolean().describe('The inbox tracks visitors’ pages: the loader connects the chat in the background once the page has loaded'),
});
const visitorInbox = z.object({
  ...look,
  greeting: z.string(),
  teamName: z.string(),
  sneakPeek: z.boolean().describe('Operators see what the visitor types before it is sent: the widget tells the visitor'),
});

/** The page's origin: the browser's Origin header on a cross-origin request, this server's own origin on a same-origin one. */
const pageOriginOf = (req: FastifyRequest) => (typeof req.headers.origin === 'string' ? req.headers.origin : `${req.protocol}://${req.host}`);

export const widgetRoutes = (ctx: Context) => {
  const limit = ipLimiter(ctx.config.widgetSessionRateLimit, 2);
  return [
    route({
      method: 'GET',
      url: '/api/v1/widget/look',
      operationId: 'getWidgetLook',
      summary:
        'The launcher’s look (colour, text colour, side) for the page that loads the widget. Readable (CORS) by that page only when it may embed the chat; cached for a minute',
      tag: 'widget',
      auth: 'none',
      query: widgetKeyQuery,
      response: lookSchema,
      handler: async ({ query, req, reply }) => {
        const origin = pageOriginOf(req);
        const answer = await widgetLook(ctx, query.key, origin);
        reply.header('cache-control', 'public, max-age=60').header('vary', 'Origin');
        if (req.headers.origin) reply.header('access-control-allow-origin', origin);
        return answer;
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/widget/session',
      operationId: 'startWidgetSession',
      summary: 'Start or resume a visitor: returns the visitor token to keep, the inbox look and recent conversations',
      tag: 'widget',
      auth: 'none',
      body: widgetSessionInput,
      response: z.object({ visitorId: z.string(), visitorToken: z.string(), inbox: visitorInbox, conversations: z.array(conversationSchema) }),
      limit,
      handler: async ({ body, req }) =>
        bootstrapWidget(ctx, { ...body, userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : undefined }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/widget/conversations',
      operationId: 'listVisitorConversations',
      summary: 'The visitor’s conversations, newest first',
      tag: 'widget',
      auth: 'visitor',
      response: z.object({ items: z.array(conversationSchema) }),
      handler: async ({ visitor }) => ({ items: await visitorConversations(ctx, visitor!) }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/widget/conversations/:id/messages',
      operationId: 'listVisitorMessages',
      summary: 'History of one of the visitor’s conversations',
      tag: 'widget',
      auth: 'visitor',
      params: idParam,
      query: historyQuery,
      response: historySchema,
      handler: async ({ visitor, params, query }) => historyWithHtml(await visitorHistory(ctx, visitor!, params.id, query)),
    }),
    route({
      method: 'POST',
      url: '/api/v1/widget/identify',
      operationId: 'identifyVisitor',
      summary: 'The visitor gives their name or email; they become a contact',
      tag: 'widget',
      auth: 'visitor',
      body: identifyInput,
      response: z.object({ contactId: z.string() }),
      handler: async ({ visitor, body }) => ({ contactId: await identifyVisitor(ctx, visitor!, body) }),
    }),
  ];
};
