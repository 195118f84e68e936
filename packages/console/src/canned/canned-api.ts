/** The HTTP API of teams, canned responses and macros (the console's other calls are in api.ts). */
import type { ConversationSummary } from '@switchboard/protocol';
import { request } from '../api';

export type CannedScope = 'personal' | 'team' | 'workspace';

export interface Team {
  id: string;
  name: string;
  memberIds: string[];
  createdAt: number;
  updatedAt: number;
}

export interface CannedResponse {
  id: string;
  shortcut: string;
  title: string;
  body: string;
  scope: CannedScope;
  ownerId: string | null;
  teamId: string | null;
  canEdit: boolean;
  /** Another response with this shortcut that this operator gets instead (a closer scope wins). */
  hiddenBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface CannedInput {
  shortcut: string;
  title: string;
  body: string;
  scope: CannedScope;
  teamId?: string | null;
}

export interface MacroStep {
  kind: string;
  input: unknown;
}

export interface Macro {
  id: string;
  name: string;
  scope: 'personal' | 'workspace';
  ownerId: string | null;
  actions: MacroStep[];
  canEdit: boolean;
  createdAt: number;
  updatedAt: number;
}

export interface MacroInput {
  name: string;
  scope: Macro['scope'];
  actions: MacroStep[];
}

export interface RunResult {
  done: { index: number; kind: string; summary: string | null }[];
  failed: { index: number; kind: string; message: string } | null;
  conversation: ConversationSummary;
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
}

export const cannedApi = {
  teams: () => request<{ items: Team[] }>('GET', '/teams'),
  createTeam: (name: string) => request<Team>('POST', '/teams', { name }),
  renameTeam: (id: string, name: string) => request<Team>('PATCH', `/teams/${id}`, { name }),
  deleteTeam: (id: string) => request<void>('DELETE', `/teams/${id}`),
  addMember: (id: string, operatorId: string) => request<Team>('POST', `/teams/${id}/members`, { operatorId }),
  removeMember: (id: string, operatorId: string) => request<Team>('DELETE', `/teams/${id}/members/${operatorId}`),

  cannedResponses: () => request<{ items: CannedResponse[] }>('GET', '/canned-responses'),
  searchCanned: (q: string, limit = 8) => request<{ items: CannedResponse[] }>('GET', `/canned-responses?${new URLSearchParams({ q, limit: String(limit) })}`),
  createCanned: (input: CannedInput) => request<CannedResponse>('POST', '/canned-responses', { ...input }),
  updateCanned: (id: string, input: Partial<CannedInput>) => request<CannedResponse>('PATCH', `/canned-responses/${id}`, { ...input }),
  deleteCanned: (id: string) => request<void>('DELETE', `/canned-responses/${id}`),
  importCanned: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ImportResult>('POST', '/canned-responses/import', form);
  },
  exportUrl: '/api/v1/canned-responses/export',

  macros: () => request<{ items: Macro[] }>('GET', '/macros'),
  createMacro: (input: MacroInput) => request<Macro>('POST', '/macros', { ...input }),
  updateMacro: (id: string, input: Partial<MacroInput>) => request<Macro>('PATCH', `/macros/${id}`, { ...input }),
  deleteMacro: (id: string) => request<void>('DELETE', `/macros/${id}`),
  runMacro: (conversationId: string, macroId: string) => request<RunResult>('POST', `/conversations/${conversationId}/macros/${macroId}/run`, {}),
};
