/** The calls of transfer, escalation and supervision (whisper, take over) and the workspace's tier-2 team. */
import type { ConversationSummary, EscalationDto, MessageDto, NoteDto } from '@switchboard/protocol';
import { request } from '../api';

type EventResult = { conversation: ConversationSummary; message: MessageDto | null };

export const escalationApi = {
  transfer: (id: string, to: { teamId: string } | { operatorId: string }, note: string) =>
    request<EventResult>('POST', `/conversations/${id}/transfer`, { ...to, ...(note.trim() ? { note } : {}) }),
  escalate: (id: string, reason: string, operatorId: string | null) =>
    request<EventResult>('POST', `/conversations/${id}/escalate`, { reason, ...(operatorId ? { operatorId } : {}) }),
  history: (id: string) => request<{ items: EscalationDto[] }>('GET', `/conversations/${id}/escalations`),
  whisper: (id: string, body: string) => request<{ note: NoteDto }>('POST', `/conversations/${id}/whisper`, { body }),
  takeOver: (id: string) => request<EventResult>('POST', `/conversations/${id}/take-over`, {}),
  settings: () => request<{ tier2TeamId: string | null }>('GET', '/escalation-settings'),
  saveSettings: (tier2TeamId: string | null) => request<{ tier2TeamId: string | null }>('PUT', '/escalation-settings', { tier2TeamId }),
};

export const SUPERVISORS = new Set(['owner', 'admin', 'supervisor']);
