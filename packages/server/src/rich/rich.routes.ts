/** Rich messages (E2): the visitor's clicks (widget) and a conversation's click log (operators). */
import { z } from 'zod';
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { AppError } from '../errors.js';
import { addressLimiter } from '../http/ip-limit.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { authorize } from '../policy/policy.js';
import { richClickInput } from './rich.js';
import { listClicks } from './rich.repository.js';
import { recordClick } from './rich.service.js';

/** Clicks per visitor, as for tracked events: a burst, then one a second. */
const CLICK_BURST = 30;
const CLICK_PER_SECOND = 1;

const clickSchema = z.object({
  messageId: z.string(),
  visitorId: z.string(),
  action: z.enum(['view', 'choose', 'quick_reply']),
  productId: z.string().nullable(),
  optionId: z.string().nullable(),
  createdAt: z.number(),
});

export const richRoutes = (ctx: Context) => {
  const perVisitor = addressLimiter(CLICK_BURST, CLICK_PER_SECOND);
  return [
    route({
      method: 'POST',
      url: '/api/v1/widget/conversations/:id/clicks',
      operationId: 'recordRichClick',
      summary:
        'The visitor clicked in a rich message of their conversation: opened a product’s page (view), chose a product (choose) or a quick reply (quick_reply); the message must show that product or option',
      tag: 'widget',
      auth: 'visitor',
      params: idParam,
      body: richClickInput,
      status: 201,
      response: z.object({ clicks: z.number().describe('The message’s clicks so far') }),
      handler: async ({ visitor, params, body }) => {
        if (!perVisitor.take(visitor!.id)) throw new AppError('rate_limited', 'Too many clicks; try again in a second');
        return recordClick(ctx, visitor!, params.id, body);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/conversations/:id/rich-clicks',
      operationId: 'listRichClicks',
      summary: 'What the visitor clicked in the conversation’s rich messages (product pages opened, products and quick replies chosen), oldest first',
      tag: 'conversations',
      auth: 'operator',
      params: idParam,
      response: z.object({ items: z.array(clickSchema) }),
      handler: async ({ operator, params }) => {
        authorize(operator!, 'conversation.view');
        const conv = await visibleConversationRow(ctx, operator!, params.id);
        const rows = await listClicks(ctx.db, operator!.workspaceId, conv.id);
        return {
          items: rows.map((r) => ({
            messageId: r.message_id,
            visitorId: r.visitor_id,
            action: r.action as 'view' | 'choose' | 'quick_reply',
            productId: r.product_id,
            optionId: r.option_id,
            createdAt: Number(r.created_at),
          })),
        };
      },
    }),
  ];
};
