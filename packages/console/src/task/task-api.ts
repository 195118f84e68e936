/** The HTTP API of tasks (the console's other calls are in api.ts). */
import type { TaskDto } from '@switchboard/protocol';
import { request } from '../api';

export type TaskView = 'mine' | 'all' | 'overdue' | 'done';

export interface TaskPage {
  items: TaskDto[];
  nextCursor: string | null;
  /** How many of my open tasks are due. */
  overdue: number;
}

export interface NewTask {
  title: string;
  dueAt: number;
  assigneeId?: string;
  note?: string | null;
  conversationId?: string;
  contactId?: string;
}

function query(params: Record<string, string | undefined>): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, v);
  return s.toString();
}

export const taskApi = {
  list: (p: { view: TaskView; conversationId?: string; contactId?: string; cursor?: string }) =>
    request<TaskPage>('GET', `/tasks?${query({ view: p.view, conversationId: p.conversationId, contactId: p.contactId, cursor: p.cursor, limit: '100' })}`),
  create: (input: NewTask) => request<TaskDto>('POST', '/tasks', { ...input }),
  update: (id: string, patch: { title?: string; note?: string | null; assigneeId?: string; dueAt?: number }) =>
    request<TaskDto>('PATCH', `/tasks/${id}`, patch),
  complete: (id: string) => request<TaskDto>('POST', `/tasks/${id}/complete`, {}),
  reopen: (id: string) => request<TaskDto>('POST', `/tasks/${id}/reopen`, {}),
  snooze: (id: string, until: number) => request<TaskDto>('POST', `/tasks/${id}/snooze`, { until }),
  remove: (id: string) => request<void>('DELETE', `/tasks/${id}`),
};
