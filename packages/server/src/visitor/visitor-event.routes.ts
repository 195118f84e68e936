import type { Context } from '../context.js';
import { AppError } from '../errors.js';
import { addressLimiter } from '../http/ip-limit.js';
import { route } from '../http/route.js';
import { purchaseEventDto, recordPurchase } from '../sales/record-purchase.js';
import { PURCHASE_EVENT } from '../sales/sales.js';
import { idParam, pageOf } from '../http/schemas.js';
import { eventsQuery, trackInput, visitorEventSchema } from './visitor-event.js';
import { listEventsOfVisitor, trackVisitorEvent } from './visitor-event.service.js';

/** Events per visitor: a burst (a page tracking a few things as it loads), then one a second. */
const TRACK_BURST = 30;
const TRACK_PER_SECOND = 1;

export const visitorEventRoutes = (ctx: Context) => {
  const perVisitor = addressLimiter(TRACK_BURST, TRACK_PER_SECOND);
  return [
    route({
      method: 'POST',
      url: '/api/v1/widget/events',
      operationId: 'trackVisitorEvent',
      summary: "The host site records an event of the visitor (`Switchboard('track', name, data)`): operators see it with the visitor’s pages",
      tag: 'widget',
      auth: 'visitor',
      body: trackInput,
      status: 201,
      response: visitorEventSchema,
      handler: async ({ visitor, body }) => {
        if (!perVisitor.take(visitor!.id)) throw new AppError('rate_limited', 'Too many events; try again in a second');
        if (body.name === PURCHASE_EVENT) return purchaseEventDto(await recordPurchase(ctx, { visitor: visitor!, data: body.data }));
        return trackVisitorEvent(ctx, { visitor: visitor!, event: body });
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/visitors/:id/events',
      operationId: 'listVisitorEvents',
      summary: "The events the host site recorded of a visitor (`Switchboard('track', …)`), newest first",
      tag: 'visitors',
      auth: 'operator',
      params: idParam,
      query: eventsQuery,
      response: pageOf(visitorEventSchema),
      handler: async ({ operator, params, query }) => listEventsOfVisitor(ctx, operator!, params.id, query),
    }),
  ];
};
