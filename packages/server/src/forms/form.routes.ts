import type { Context } from '../context.js';
import { ipLimiter } from '../http/ip-limit.js';
import { route } from '../http/route.js';
import { findInbox, toInbox } from '../inbox/inbox.repository.js';
import { notFound } from '../errors.js';
import { forVisitor } from '../conversation/conversation.repository.js';
import { withHtml } from '../message/message.service.js';
import type { Visitor } from '../visitor/visitor.js';
import { formResultSchema, offlineMessageInput, offlineResultSchema, preChatInput } from './form.schemas.js';
import { leaveOfflineMessage } from './leave-offline-message.js';
import { submitPreChat } from './submit-pre-chat.js';

async function inboxOf(ctx: Context, visitor: Visitor) {
  const row = await findInbox(ctx.db, visitor.workspaceId, visitor.inboxId);
  if (!row) throw notFound('Inbox');
  return toInbox(row);
}

const REFUSALS =
  'Refused values answer `validation_failed` with `details`: one entry per field, `path` (name, email, phone, team, consent, message, attributes.<key>), a stable `code` (required, invalid_email, invalid_phone, invalid_number, invalid_date, invalid_link, invalid_choice, too_long, invalid) and a message';

export const formRoutes = (ctx: Context) => {
  // New conversations from one address, counted apart from new visitors.
  const limit = ipLimiter(ctx.config.widgetSessionRateLimit, 2);
  return [
    route({
      method: 'POST',
      url: '/api/v1/widget/offline-message',
      operationId: 'leaveOfflineMessage',
      summary: `Nobody is available: the visitor leaves a message and an email address (the offline form). It starts a conversation marked as waiting for an email reply, with the name and email on the visitor’s own contact; the same clientId twice starts one. ${REFUSALS}`,
      tag: 'widget',
      auth: 'visitor',
      body: offlineMessageInput,
      status: 201,
      response: offlineResultSchema,
      limit,
      handler: async ({ visitor, body }) => {
        const r = await leaveOfflineMessage(ctx, { visitor: visitor!, inbox: await inboxOf(ctx, visitor!), input: body });
        return { conversation: forVisitor(r.conversation), message: withHtml(r.message), duplicate: r.duplicate, replyTo: r.replyTo };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/widget/pre-chat',
      operationId: 'submitPreChatForm',
      summary: `The inbox’s pre-chat form with the first message: the values go to the visitor’s own contact, the team chosen to the new conversation, a ticked consent is recorded with the text shown; the same clientId twice starts one conversation. ${REFUSALS}`,
      tag: 'widget',
      auth: 'visitor',
      body: preChatInput,
      status: 201,
      response: formResultSchema,
      limit,
      handler: async ({ visitor, body }) => {
        const r = await submitPreChat(ctx, { visitor: visitor!, inbox: await inboxOf(ctx, visitor!), input: body });
        return { conversation: forVisitor(r.conversation), message: withHtml(r.message), duplicate: r.duplicate };
      },
    }),
  ];
};
