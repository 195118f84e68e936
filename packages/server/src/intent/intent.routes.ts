import { z } from 'zod';
import type { Context } from '../context.js';
import { route } from '../http/route.js';
import { idParam } from '../http/schemas.js';
import { conversationIntentSchema, intentModelListSchema, intentModelSchema, intentRoutingInput, intentRoutingSchema, intentTrainingSchema } from './intent.js';
import { activateVersion, conversationIntent, getRouting, getTraining, listVersions, setRouting, startTraining } from './intent.service.js';
import type { IntentFeature } from './subscribe.js';

const tag = 'intents';

export const intentRoutes = (ctx: Context, intents: IntentFeature) => [
  route({
    method: 'GET',
    url: '/api/v1/intents/models',
    operationId: 'listIntentModels',
    summary: 'The versions of the workspace’s intent model, newest first, and the latest training run (owners, admins)',
    tag,
    auth: 'operator',
    response: intentModelListSchema,
    handler: async ({ operator }) => listVersions(ctx, operator!),
  }),
  route({
    method: 'POST',
    url: '/api/v1/intents/models',
    operationId: 'trainIntentModel',
    summary: 'Train a new version from the labelled conversations (a durable job; its progress: GET /api/v1/intents/trainings/:id)',
    tag,
    auth: 'operator',
    status: 202,
    response: intentTrainingSchema,
    handler: async ({ operator }) => startTraining(ctx, operator!),
  }),
  route({
    method: 'GET',
    url: '/api/v1/intents/trainings/:id',
    operationId: 'getIntentTraining',
    summary: 'A training run and its progress',
    tag,
    auth: 'operator',
    params: idParam,
    response: intentTrainingSchema,
    handler: async ({ operator, params }) => getTraining(ctx, operator!, params.id),
  }),
  route({
    method: 'POST',
    url: '/api/v1/intents/models/:id/activate',
    operationId: 'activateIntentModel',
    summary: 'Make this version the active one (roll back or forward)',
    tag,
    auth: 'operator',
    params: idParam,
    response: intentModelSchema,
    handler: async ({ operator, params }) => activateVersion(ctx, intents.models, operator!, params.id),
  }),
  route({
    method: 'GET',
    url: '/api/v1/inboxes/:id/intent-routing',
    operationId: 'getIntentRouting',
    summary: 'Whether the inbox routes new conversations by intent, and its label -> team mapping',
    tag,
    auth: 'operator',
    params: idParam,
    response: intentRoutingSchema,
    handler: async ({ operator, params }) => getRouting(ctx, operator!, params.id),
  }),
  route({
    method: 'PUT',
    url: '/api/v1/inboxes/:id/intent-routing',
    operationId: 'setIntentRouting',
    summary: 'Turn routing by intent on or off for the inbox and set its label -> team mapping',
    tag,
    auth: 'operator',
    params: idParam,
    body: intentRoutingInput,
    response: intentRoutingSchema,
    handler: async ({ operator, params, body }) => setRouting(ctx, operator!, params.id, body),
  }),
  route({
    method: 'GET',
    url: '/api/v1/conversations/:id/intent',
    operationId: 'getConversationIntent',
    summary: 'The suggested label of a conversation with its confidence, and where routing by intent sent it (null: none decided)',
    tag: 'conversations',
    auth: 'operator',
    params: idParam,
    response: z.object({ intent: conversationIntentSchema.nullable() }),
    handler: async ({ operator, params }) => conversationIntent(ctx, operator!, params.id),
  }),
];
