/** The routing calls: the Queue, taking from it, priority, team routing settings, operator capacity. */
import type { ConversationSummary, MessageDto, Priority } from '@switchboard/protocol';
import { request } from '../api';

export type AssignmentMode = 'manual' | 'round_robin' | 'least_busy';
export interface TeamRouting {
  teamId: string;
  mode: AssignmentMode;
  defaultCapacity: number;
  answerSeconds: number | null;
}
export interface QueueItem {
  conversation: ConversationSummary;
  position: number;
}
type EventResult = { conversation: ConversationSummary; message: MessageDto | null };

export const PRIORITIES: Priority[] = ['urgent', 'high', 'normal', 'low'];

export const routingApi = {
  queue: () => request<{ items: QueueItem[] }>('GET', '/queue?limit=200'),
  take: (id: string) => request<EventResult>('POST', `/conversations/${id}/take`, {}),
  setPriority: (id: string, priority: Priority) => request<EventResult>('PUT', `/conversations/${id}/priority`, { priority }),
  teamRouting: (teamId: string) => request<TeamRouting>('GET', `/teams/${teamId}/routing`),
  updateTeamRouting: (teamId: string, patch: Partial<Omit<TeamRouting, 'teamId'>>) => request<TeamRouting>('PATCH', `/teams/${teamId}/routing`, patch),
  capacity: (operatorId: string) => request<{ operatorId: string; capacity: number | null }>('GET', `/operators/${operatorId}/capacity`),
  setCapacity: (operatorId: string, capacity: number | null) =>
    request<{ operatorId: string; capacity: number | null }>('PUT', `/operators/${operatorId}/capacity`, { capacity }),
};
