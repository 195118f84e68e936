/** The virtual agent's routes (G5): its settings per inbox (admins), and "Talk to a person" (the visitor). */
import { z } from 'zod';
import type { Context } from '../context.js';
import { ipLimiter } from '../http/ip-limit.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import type { BotService } from '../webhook/bot.service.js';
import { getVirtualAgent, setVirtualAgent } from './virtual-agent-settings.js';
import type { VirtualAgent } from './virtual-agent.service.js';
import { virtualAgentDto, virtualAgentSettingsSchema } from './virtual-agent.js';

export const virtualAgentRoutes = (ctx: Context, agent: VirtualAgent, bots: BotService) => [
  route({
    method: 'GET',
    url: '/api/v1/inboxes/:id/virtual-agent',
    operationId: 'getVirtualAgent',
    summary: 'The inbox’s virtual agent settings (off by default) (owners, admins)',
    tag: 'inboxes',
    auth: 'operator',
    params: idParam,
    response: virtualAgentDto,
    handler: async ({ operator, params }) => getVirtualAgent(ctx, operator!, params.id),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/inboxes/:id/virtual-agent',
    operationId: 'setVirtualAgent',
    summary: 'Turn the inbox’s virtual agent on or off and set its name, turns before handover and confidence threshold (owners, admins)',
    tag: 'inboxes',
    auth: 'operator',
    params: idParam,
    body: virtualAgentSettingsSchema,
    response: virtualAgentDto,
    handler: async ({ operator, params, body }) => setVirtualAgent(ctx, bots, operator!, params.id, body),
  }),
  route({
    method: 'POST',
    url: '/api/v1/widget/conversations/:id/handover',
    operationId: 'askForPerson',
    summary: '"Talk to a person": the visitor asks the virtual agent handling their conversation to hand it over to people',
    tag: 'widget',
    auth: 'visitor',
    limit: ipLimiter(60, 5),
    params: idParam,
    response: z.object({ handedOver: z.boolean().describe('False when no virtual agent was handling it (people have it already)') }),
    handler: async ({ visitor, params }) => agent.visitorAsks(visitor!, params.id),
  }),
];
