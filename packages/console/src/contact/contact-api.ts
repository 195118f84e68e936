/** The contact routes of the HTTP API, one typed function per call (the session cookie authenticates). */
import type {
  ContactAttributeDto,
  ContactAttributeType,
  ContactAttributeValue,
  ContactDetailDto,
  ContactImportDto,
  ContactNoteDto,
  ConversationSummary,
  ImportProblem,
} from '@switchboard/protocol';
import { type Page, request } from '../api';

export type ContactSort = 'name' | 'created' | 'updated' | 'last_seen';

export interface ContactFilters {
  q?: string;
  label?: string;
  company?: string;
  attribute?: string;
  value?: string;
  sort: ContactSort;
}

export interface ContactFields {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  company?: string | null;
  avatarUrl?: string | null;
  attributes?: Record<string, ContactAttributeValue | null>;
}

export interface ImportPreview {
  import: ContactImportDto;
  headers: string[];
  suggested: string[];
  sample: string[][];
}

export interface ImportReport {
  rows: number;
  valid: number;
  creates: number;
  updates: number;
  unchanged: number;
  refused: number;
  problems: ImportProblem[];
}

/** The query string of a filtered list, without empty values. */
export function filterQuery(f: ContactFilters, extra: Record<string, string | number | undefined> = {}): string {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...f, ...extra })) if (v !== undefined && v !== '') s.set(k, String(v));
  const str = s.toString();
  return str ? `?${str}` : '';
}

export const contactApi = {
  list: (f: ContactFilters, cursor?: string, limit = 30) => request<Page<ContactDetailDto>>('GET', `/contacts${filterQuery(f, { cursor, limit })}`),
  get: (id: string) => request<ContactDetailDto>('GET', `/contacts/${id}`),
  create: (input: ContactFields & { labels?: string[]; visitorId?: string }) => request<ContactDetailDto>('POST', '/contacts', { ...input }),
  update: (id: string, patch: ContactFields) => request<ContactDetailDto>('PATCH', `/contacts/${id}`, { ...patch }),
  setLabels: (id: string, change: { add?: string[]; remove?: string[] }) => request<ContactDetailDto>('POST', `/contacts/${id}/labels`, change),
  notes: (id: string, cursor?: string) =>
    request<Page<ContactNoteDto & { html: string }>>('GET', `/contacts/${id}/notes${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
  addNote: (id: string, body: string) => request<ContactNoteDto & { html: string }>('POST', `/contacts/${id}/notes`, { body }),
  conversations: (id: string, cursor?: string) =>
    request<Page<ConversationSummary>>('GET', `/contacts/${id}/conversations${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
  merge: (intoId: string, fromId: string) => request<ContactDetailDto>('POST', `/contacts/${intoId}/merge`, { contactId: fromId }),

  attributes: () => request<{ items: ContactAttributeDto[] }>('GET', '/contact-attributes'),
  createAttribute: (input: { key: string; label: string; type: ContactAttributeType; options?: string[] }) =>
    request<ContactAttributeDto>('POST', '/contact-attributes', { ...input }),
  updateAttribute: (id: string, patch: { label?: string; options?: string[] }) => request<ContactAttributeDto>('PATCH', `/contact-attributes/${id}`, patch),
  deleteAttribute: (id: string) => request<void>('DELETE', `/contact-attributes/${id}`),
  reorderAttributes: (ids: string[]) => request<{ items: ContactAttributeDto[] }>('POST', '/contact-attributes/order', { ids }),

  upload: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ImportPreview>('POST', '/contact-imports', form);
  },
  checkImport: (id: string, mapping: string[]) =>
    request<{ import: ContactImportDto; report: ImportReport }>('POST', `/contact-imports/${id}/check`, { mapping }),
  startImport: (id: string) => request<ContactImportDto>('POST', `/contact-imports/${id}/start`, {}),
  getImport: (id: string) => request<ContactImportDto>('GET', `/contact-imports/${id}`),
  cancelImport: (id: string) => request<ContactImportDto>('DELETE', `/contact-imports/${id}`),
};

/** Starts a download of a file the server streams (the browser writes it to disk as it comes). */
export function download(path: string): void {
  const a = document.createElement('a');
  a.href = `/api/v1${path}`;
  a.download = '';
  document.body.append(a);
  a.click();
  a.remove();
}
