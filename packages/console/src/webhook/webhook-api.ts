/** The webhook and bot calls of Settings → Webhooks (owners and admins). */
import { request } from '../api';

export const WEBHOOK_EVENTS = [
  'conversation.created',
  'conversation.assigned',
  'conversation.status_changed',
  'message.created',
  'contact.created',
  'contact.updated',
  'rating.submitted',
] as const;

export interface Endpoint {
  id: string;
  url: string;
  description: string;
  eventTypes: string[];
  enabled: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface Attempt {
  attempt: number;
  at: number;
  statusCode: number | null;
  responseBody: string | null;
  durationMs: number;
  error: string | null;
}

export interface Delivery {
  id: string;
  eventType: string;
  state: 'pending' | 'succeeded' | 'failed';
  attempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
  payload: string;
  log: Attempt[];
}

export interface Bot {
  id: string;
  inboxId: string;
  name: string;
  webhookUrl: string;
  createdAt: number;
}

export const webhookApi = {
  endpoints: () => request<{ items: Endpoint[] }>('GET', '/webhooks'),
  create: (input: { url: string; description: string; eventTypes: string[] }) => request<{ endpoint: Endpoint; secret: string }>('POST', '/webhooks', input),
  update: (id: string, patch: Partial<Pick<Endpoint, 'url' | 'description' | 'eventTypes' | 'enabled'>>) =>
    request<Endpoint>('PATCH', `/webhooks/${id}`, patch),
  remove: (id: string) => request<void>('DELETE', `/webhooks/${id}`),
  rotate: (id: string) => request<{ secret: string }>('POST', `/webhooks/${id}/secret`, {}),
  deliveries: (id: string) => request<{ items: Delivery[] }>('GET', `/webhooks/${id}/deliveries`),
  resend: (id: string, deliveryId: string) => request<Delivery>('POST', `/webhooks/${id}/deliveries/${deliveryId}/resend`, {}),
  settings: () => request<{ allowPrivateTargets: boolean }>('GET', '/webhook-settings'),
  setSettings: (allowPrivateTargets: boolean) => request<{ allowPrivateTargets: boolean }>('PUT', '/webhook-settings', { allowPrivateTargets }),
  bots: () => request<{ items: Bot[] }>('GET', '/bots'),
  createBot: (input: { inboxId: string; name: string; webhookUrl: string }) => request<{ bot: Bot; token: string; secret: string }>('POST', '/bots', input),
  removeBot: (id: string) => request<void>('DELETE', `/bots/${id}`),
  botDeliveries: (id: string) => request<{ items: Delivery[] }>('GET', `/bots/${id}/deliveries`),
};
