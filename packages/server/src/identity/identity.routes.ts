import { z } from 'zod';
import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { addressLimiter } from '../http/ip-limit.js';
import { route } from '../http/route.js';
import { conversationSchema, idParam } from '../http/schemas.js';
import { visitorConversations } from '../conversation/conversation.service.js';
import { identifyVisitor } from './identify-visitor.js';
import { identifyInput } from './identity.js';
import { rotateIdentitySecret } from './identity-secret.js';

/** Identifications per visitor: a burst (a site identifies on every page view), then one every 3 seconds. */
const IDENTIFY_BURST = 20;
const IDENTIFY_PER_SECOND = 1 / 3;

export const identityRoutes = (ctx: Context) => {
  const perVisitor = addressLimiter(IDENTIFY_BURST, IDENTIFY_PER_SECOND);
  return [
    route({
      method: 'POST',
      url: '/api/v1/inboxes/:id/identity-secret',
      operationId: 'rotateInboxIdentitySecret',
      summary:
        'Make (or replace) the inbox’s identity secret. The answer is the only time it is shown; replacing it ends at once every verification made with the old one',
      tag: 'inboxes',
      auth: 'operator',
      params: idParam,
      status: 201,
      response: z.object({
        secret: z.string().describe('Compute the identity hash with it on your server: hex HMAC-SHA256 of the user id. Shown only now'),
        createdAt: z.number(),
        unverifiedVisitors: z.number().describe('Visitors verified with the old secret, unverified now until identified again'),
      }),
      handler: async ({ operator, params, reply }) => {
        // The secret is in this answer only: no cache may keep it.
        reply.header('cache-control', 'no-store');
        return rotateIdentitySecret(ctx, operator!, params.id);
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/widget/identify',
      operationId: 'identifyVisitor',
      summary:
        'The visitor says who they are: a typed name or email, or what the website gives (id, name, email, attributes) with its identity hash. A valid hash makes them that contact, with their history on any device; anything else stays unverified',
      tag: 'widget',
      auth: 'visitor',
      body: identifyInput,
      response: z.object({
        contactId: z.string(),
        verified: z.boolean().describe('A valid identity hash vouches for the visitor; false also for a wrong hash (answered like none)'),
        conversations: z.array(conversationSchema).describe('The conversations the visitor may see now, newest first'),
      }),
      handler: async ({ visitor, body }) => {
        if (!perVisitor.take(visitor!.id)) throw new AppError('rate_limited', 'Too many identifications; try again in a few seconds');
        const outcome = await identifyVisitor(ctx, { visitor: visitor!, input: body });
        const verifiedContactId = outcome.verified ? outcome.contactId : null;
        return { ...outcome, conversations: await visitorConversations(ctx, { ...visitor!, verifiedContactId }) };
      },
    }),
  ];
};
