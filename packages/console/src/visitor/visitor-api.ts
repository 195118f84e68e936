/** The HTTP calls of visitor activity: the page trail, the site's tracked events and Start chat. */
import type { ConversationSummary, MessageDto, PageViewDto, VisitorEventDto } from '@switchboard/protocol';
import { newClientId } from '@switchboard/protocol/client';
import { type Page, request } from '../api';

export const visitorApi = {
  pages: (visitorId: string, p: { visitId?: string; limit?: number; cursor?: string }) => {
    const q = new URLSearchParams(
      Object.entries(p)
        .filter((e): e is [string, string] => e[1] !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    return request<Page<PageViewDto>>('GET', `/visitors/${visitorId}/pages${q.size ? `?${q}` : ''}`);
  },
  events: (visitorId: string, p: { limit: number }) => request<Page<VisitorEventDto>>('GET', `/visitors/${visitorId}/events?limit=${p.limit}`),
  startChat: (visitorId: string, body: string, clientId = newClientId()) =>
    request<{ conversation: ConversationSummary; message: MessageDto }>('POST', `/visitors/${visitorId}/conversations`, { body, clientId }),
};
