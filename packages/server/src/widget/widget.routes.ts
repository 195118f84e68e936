import { LANGUAGES } from '@switchboard/widget/i18n';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context } from '../context.js';
import { endConversation } from '../conversation/end-conversation.js';
import { rateConversation, ratingInput } from '../conversation/rate-conversation.js';
import { ipLimiter } from '../http/ip-limit.js';
import { route } from '../http/route.js';
import { conversationSchema, eventResultSchema, historyQuery, historySchema, idParam, pageOf } from '../http/schemas.js';
import { widgetSessionInput } from '../visitor/visitor.js';
import { visitorConversationPage } from '../conversation/conversation.service.js';
import { historyWithHtml, withHtml } from '../message/message.service.js';
import type { EventResult } from '../conversation/record-event.js';
import type { Presence } from '../realtime/presence.js';
import type { Availability } from '../realtime/availability.js';
import { InboxStatsCache } from './inbox-stats.js';
import { TeamLook } from './team-look.js';
import { bootstrapWidget, visitorHistory, widgetLook } from './widget.service.js';
import { widgetKeyQuery } from './widget.js';
import { formsSchema } from '../forms/form.schemas.js';

const look = {
  color: z.string().describe('The inbox colour, #rrggbb'),
  textColor: z.string().describe('Text colour that reads on the inbox colour at WCAG AA (4.5:1)'),
  position: z.enum(['right', 'left']),
};
const lookSchema = z.object({
  ...look,
  labels: z
    .tuple([z.string(), z.string()])
    .describe('The launcher’s accessible names in the visitor’s language: closed ("Open chat") and open ("Minimise chat")'),
  track: z.boolean().describe('The inbox tracks visitors’ pages: the loader connects the chat in the background once the page has loaded'),
  tr: z.literal(1).optional().describe('The inbox has enabled proactive triggers: the loader loads the trigger script'),
});
const visitorInbox = z.object({
  ...look,
  greeting: z.string().describe('In the language asked for when the inbox has one for it'),
  teamName: z.string().describe('In the language asked for when the inbox has one for it'),
  sneakPeek: z.boolean().describe('Operators see what the visitor types before it is sent: the widget tells the visitor'),
  identityRequired: z.boolean().describe('Only visitors the website vouches for may write: the widget says they must sign in on the site'),
  language: z.enum(['auto', ...LANGUAGES]).describe('The inbox’s language: auto (the visitor’s browser language) or fixed'),
  sound: z.boolean().describe('Play a short sound when an operator writes while the chat is closed or the page in the background'),
  askRating: z.boolean().describe('Ask for a rating when an operator resolves the conversation'),
  replyTime: z
    .object({ kind: z.enum(['minutes', 'hour', 'day', 'measured']), ms: z.number().nullable().describe('The measured median, for `measured`') })
    .nullable()
    .describe('How soon the team usually replies; null: not said (off, or too little data)'),
  showAvatars: z.boolean().describe('Show operators’ pictures (or initials) in the header and beside their messages'),
  team: z
    .array(z.object({ name: z.string(), avatarUrl: z.string().nullable() }))
    .describe('Up to three operators: online now, else those who answered most recently'),
  avatars: z.record(z.string(), z.string()).describe('Operators’ pictures by operator id (the others are shown by their initials)'),
  forms: formsSchema,
});

const eventWithHtml = (r: EventResult) => ({ ...r, message: r.message && withHtml(r.message) });

/** The page's origin: the browser's Origin header on a cross-origin request, this server's own origin on a same-origin one. */
const pageOriginOf = (req: FastifyRequest) => (typeof req.headers.origin === 'string' ? req.headers.origin : `${req.protocol}://${req.host}`);

export const widgetRoutes = (ctx: Context, presence: Pick<Presence, 'statusOf'>, availability: Pick<Availability, 'frame'>) => {
  const limit = ipLimiter(ctx.config.widgetSessionRateLimit, 2);
  const stats = new InboxStatsCache(ctx);
  const deps = { stats, team: new TeamLook(ctx, presence, stats), availability };
  return [
    route({
      method: 'GET',
      url: '/api/v1/widget/look',
      operationId: 'getWidgetLook',
      summary:
        'The launcher’s look (colour, text colour, side) and names in the visitor’s language (Accept-Language) for the page that loads the widget. Readable (CORS) by that page only when it may embed the chat; cached for a minute',
      tag: 'widget',
      auth: 'none',
      query: widgetKeyQuery,
      response: lookSchema,
      handler: async ({ query, req, reply }) => {
        const origin = pageOriginOf(req);
        const answer = await widgetLook(ctx, query.key, origin, req.headers['accept-language']);
        reply.header('cache-control', 'public, max-age=60').header('vary', 'Origin, Accept-Language');
        if (req.headers.origin) reply.header('access-control-allow-origin', origin);
        return answer;
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/widget/session',
      operationId: 'startWidgetSession',
      summary:
        'Start or resume a visitor: returns the visitor token to keep, the inbox as visitors see it (in the language asked for) and their recent conversations',
      tag: 'widget',
      auth: 'none',
      body: widgetSessionInput.extend({ language: z.enum(LANGUAGES).optional().describe('The language the widget speaks to this visitor') }),
      response: z.object({
        visitorId: z.string(),
        visitorToken: z.string(),
        inbox: visitorInbox,
        verified: z.boolean().describe('The website vouched for this visitor (identity hash): they see their contact’s conversations'),
        email: z.string().nullable().describe('The email of the contact the website vouched for (verified visitors only): the forms do not ask for it'),
        conversations: z.array(conversationSchema),
        nextCursor: z.string().nullable(),
      }),
      limit,
      handler: async ({ body, req }) =>
        bootstrapWidget(ctx, deps, { ...body, userAgent: typeof req.headers['user-agent'] === 'string' ? req.headers['user-agent'] : undefined }),
    }),
    route({
      method: 'GET',
      url: '/api/v1/widget/conversations',
      operationId: 'listVisitorConversations',
      summary: 'The visitor’s conversations, most recent activity first, a page at a time',
      tag: 'widget',
      auth: 'visitor',
      query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(20), cursor: z.string().max(200).optional() }),
      response: pageOf(conversationSchema),
      handler: async ({ visitor, query }) => visitorConversationPage(ctx, visitor!, query),
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
      url: '/api/v1/widget/conversations/:id/end',
      operationId: 'endVisitorConversation',
      summary: 'End chat: the visitor resolves their conversation, with a line saying they ended it (nothing changes when it is already resolved)',
      tag: 'widget',
      auth: 'visitor',
      params: idParam,
      response: eventResultSchema,
      handler: async ({ visitor, params }) => eventWithHtml(await endConversation(ctx, { visitor: visitor!, conversationId: params.id })),
    }),
    route({
      method: 'PUT',
      url: '/api/v1/widget/conversations/:id/rating',
      operationId: 'rateVisitorConversation',
      summary: 'Rate an ended conversation from 1 to 5 with an optional comment; rating again replaces it. Operators see it live',
      tag: 'widget',
      auth: 'visitor',
      params: idParam,
      body: ratingInput,
      response: eventResultSchema,
      handler: async ({ visitor, params, body }) => eventWithHtml(await rateConversation(ctx, { visitor: visitor!, conversationId: params.id, input: body })),
    }),
  ];
};
