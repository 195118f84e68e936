/** The HTTP API of intents (the console's other calls are in api.ts). */
import type { ConversationIntentDto, IntentModelDto, IntentRoutingDto, IntentTrainingDto } from '@switchboard/protocol';
import { request } from '../api';

export const intentApi = {
  versions: () => request<{ items: IntentModelDto[]; training: IntentTrainingDto | null }>('GET', '/intents/models'),
  train: () => request<IntentTrainingDto>('POST', '/intents/models', {}),
  training: (id: string) => request<IntentTrainingDto>('GET', `/intents/trainings/${id}`),
  activate: (id: string) => request<IntentModelDto>('POST', `/intents/models/${id}/activate`, {}),
  routing: (inboxId: string) => request<IntentRoutingDto>('GET', `/inboxes/${inboxId}/intent-routing`),
  setRouting: (inboxId: string, r: Omit<IntentRoutingDto, 'inboxId'>) => request<IntentRoutingDto>('PUT', `/inboxes/${inboxId}/intent-routing`, r),
  ofConversation: (id: string) => request<{ intent: ConversationIntentDto | null }>('GET', `/conversations/${id}/intent`),
  applyLabel: (conversationId: string, labelId: string) => request('POST', `/conversations/${conversationId}/labels`, { add: [labelId], remove: [] }),
};

export const percent = (c: number | null) => `${Math.round((c ?? 0) * 100)}%`;
