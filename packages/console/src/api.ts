/**
 * The server's HTTP API, one typed function per call. Same origin, so the
 * HttpOnly session cookie authenticates every request; no token is kept in
 * script-readable storage. Failures throw `ApiError` with the server's message.
 */
import type {
  AttachmentDto,
  ConversationStatus,
  ConversationSummary,
  LabelDto,
  MessageDto,
  NoteDto,
  OperatorRole,
  ScheduledMessageDto,
  VisitorInfo,
} from '@switchboard/protocol';
import type { View } from './inbox/conversations';
import type { Operator } from './state';

/** One field the server refused: where it is in the request (`settings.allowedOrigins.0`) and why, in words. */
export interface FieldProblem {
  in?: 'body' | 'query' | 'params';
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A refusal found before asking the server, shaped like the server's own so forms show both alike. */
export const fieldError = (path: string, message: string) => new ApiError(400, 'validation_failed', message, [{ in: 'body', path, message }]);

function problemsOf(details: unknown): FieldProblem[] {
  if (!Array.isArray(details)) return [];
  return details.filter(
    (d): d is FieldProblem =>
      typeof d === 'object' && d !== null && typeof (d as FieldProblem).path === 'string' && typeof (d as FieldProblem).message === 'string',
  );
}

/** Called when the session has expired (any 401 outside sign-in). */
let onUnauthorized: () => void = () => {};
export function setUnauthorizedHandler(fn: () => void): void {
  onUnauthorized = fn;
}

type Body = Record<string, unknown> | FormData | undefined;

export async function request<T>(method: string, path: string, body?: Body, opts: { quiet401?: boolean } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      credentials: 'same-origin',
      // The header no other site can send without asking first (CORS): the server refuses state changes without it.
      headers: { 'x-switchboard-request': '1', ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}) },
      body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw new ApiError(0, 'network', 'Cannot reach the server. Check your connection and try again.');
  }
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    /* not JSON: an error page from a proxy */
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    if (res.status === 401 && !opts.quiet401) onUnauthorized();
    throw new ApiError(res.status, err?.code ?? 'http_error', err?.message ?? `The server answered ${res.status}`, problemsOf(err?.details));
  }
  return data as T;
}

const q = (params: Record<string, string | number | undefined>) => {
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined) s.set(k, String(v));
  const str = s.toString();
  return str ? `?${str}` : '';
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
export interface History {
  messages: MessageDto[];
  hasEarlier: boolean;
}
export interface EventResult {
  conversation: ConversationSummary;
  message: MessageDto | null;
}
/** The operators' own words in one language (empty: the default texts). */
export interface LanguageTexts {
  greeting?: string;
  teamName?: string;
  /** The offline form's text, instead of "We’re away right now…". */
  offlineMessage?: string;
  /** The pre-chat form's introduction. */
  preChatIntro?: string;
  /** Field labels by key: name, email, phone, team, message, consent (its text), attributes.<key>, team.<teamId> (a choice). */
  labels?: Record<string, string>;
}
/** A field of the pre-chat form, in order. */
export type PreChatField =
  | { type: 'name' | 'email' | 'phone'; required: boolean }
  | { type: 'team'; required: boolean; choices: { teamId: string; label: string }[] }
  | { type: 'attribute'; key: string; required: boolean }
  | { type: 'consent'; text: string };
export interface PreChatSettings {
  enabled: boolean;
  fields: PreChatField[];
}
export type WidgetLanguage = 'en' | 'es' | 'de' | 'fr' | 'ar';
export type ReplyTimeSetting = 'off' | 'minutes' | 'hour' | 'day' | 'auto';
export interface InboxSettings {
  greeting: string;
  teamName: string;
  color: string;
  position: 'right' | 'left';
  allowedOrigins: string[];
  /** Operators see what visitors type before they send it (redacted); the widget says so. */
  sneakPeek: boolean;
  /** Only visitors the website vouches for (identity hash) may write. */
  requireVerifiedIdentity?: boolean;
  /** auto: the visitor's browser language; or one for everyone. */
  language: 'auto' | WidgetLanguage;
  translations: Partial<Record<WidgetLanguage, LanguageTexts>>;
  showAvatars: boolean;
  replyTime: ReplyTimeSetting;
  sound: boolean;
  askRating: boolean;
  /** The widget connects in the background on every page: visitors and their pages show before any chat. */
  trackPages: boolean;
  /** While nobody is online the widget offers a form for a message and an email address. */
  offlineForm: boolean;
  /** The form before the first message of a new conversation. */
  preChat: PreChatSettings;
}
export interface Inbox {
  id: string;
  /** The team its new conversations go to unless the visitor chooses one. */
  defaultTeamId?: string | null;
  name: string;
  kind: 'website' | 'email';
  websiteKey: string;
  settings: InboxSettings;
  /** When the identity secret was made; null: none. The secret itself is answered only when made. */
  identitySecretSetAt?: number | null;
  createdAt: number;
}
export interface NewOperator {
  email: string;
  name: string;
  role: OperatorRole;
  password?: string;
}
export interface CreatedOperator {
  operator: Operator;
  /** The full invite link; null when the server does not know its public address (then `invitePath` is given). */
  inviteUrl: string | null;
  invitePath?: string | null;
  inviteExpiresAt: number | null;
}

/** The invite link to send: the server's, or this console's address with the invite's path. */
export function inviteLinkOf(r: Pick<CreatedOperator, 'inviteUrl' | 'invitePath'>, origin: string): string | null {
  return r.inviteUrl ?? (r.invitePath ? `${origin}${r.invitePath}` : null);
}

export const api = {
  login: (email: string, password: string) =>
    request<{ operator: Operator; expiresAt: number }>('POST', '/auth/login', { email, password }, { quiet401: true }),
  logout: () => request<void>('POST', '/auth/logout', {}, { quiet401: true }),
  me: () => request<Operator & { awayAfterMinutes?: number; avatarUrl?: string | null }>('GET', '/auth/me', undefined, { quiet401: true }),
  uploadAvatar: (file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<{ avatarUrl: string }>('PUT', '/auth/me/avatar', form);
  },
  removeAvatar: () => request<void>('DELETE', '/auth/me/avatar'),
  updateMe: (patch: { awayAfterMinutes?: number }) => request<Operator & { awayAfterMinutes: number }>('PATCH', '/auth/me', patch),
  acceptInvite: (token: string, password: string, name?: string) =>
    request<Operator>('POST', '/auth/accept-invite', { token, password, ...(name ? { name } : {}) }, { quiet401: true }),

  conversations: (p: { view: View; status?: ConversationStatus; label?: string; limit?: number; cursor?: string }) =>
    request<Page<ConversationSummary>>('GET', `/conversations${q(p)}`),
  conversation: (id: string) => request<ConversationSummary>('GET', `/conversations/${id}`),
  /** Where the browser downloads a conversation's transcript from (the session cookie signs it in). */
  transcriptUrl: (id: string, format: 'html' | 'text', timeZone?: string) => `/api/v1/conversations/${id}/transcript${q({ format, timeZone })}`,
  history: (id: string, before: number, limit = 50) => request<History>('GET', `/conversations/${id}/messages${q({ before, limit })}`),
  assign: (id: string, operatorId: string | null) => request<EventResult>('POST', `/conversations/${id}/assign`, { operatorId }),
  setStatus: (id: string, status: Exclude<ConversationStatus, 'snoozed'>) => request<EventResult>('POST', `/conversations/${id}/status`, { status }),
  setTeam: (id: string, teamId: string | null) => request<ConversationSummary>('POST', `/conversations/${id}/team`, { teamId }),
  /** My unseen mentions, newest first: the Mentions view. */
  mentionedConversations: (p: { limit?: number; cursor?: string }) =>
    request<Page<ConversationSummary>>('GET', `/conversations${q({ view: 'mentions', ...p })}`),
  counts: (label?: string) => request<Record<View, number> & { cap: number }>('GET', `/conversations/counts${q({ label })}`),
  scheduled: (id: string) => request<{ items: ScheduledMessageDto[] }>('GET', `/conversations/${id}/scheduled`),
  schedule: (id: string, input: { body: string; sendAt: number; clientId: string }) =>
    request<{ scheduled: ScheduledMessageDto; duplicate: boolean }>('POST', `/conversations/${id}/scheduled`, input),
  cancelScheduled: (id: string, scheduledId: string) => request<ScheduledMessageDto>('DELETE', `/conversations/${id}/scheduled/${scheduledId}`),
  snooze: (id: string, until: number | null) => request<EventResult>('POST', `/conversations/${id}/snooze`, { until }),
  setLabels: (id: string, change: { add?: string[]; remove?: string[] }) => request<EventResult>('POST', `/conversations/${id}/labels`, change),
  related: (id: string) => request<{ items: ConversationSummary[] }>('GET', `/conversations/${id}/related`),
  merge: (intoId: string, fromId: string) =>
    request<{ conversation: ConversationSummary; from: ConversationSummary }>('POST', `/conversations/${intoId}/merge`, { conversationId: fromId }),

  labels: () => request<{ items: LabelDto[] }>('GET', '/labels'),
  createLabel: (input: { name: string; color: string }) => request<LabelDto>('POST', '/labels', input),
  updateLabel: (id: string, patch: { name?: string; color?: string }) => request<LabelDto>('PATCH', `/labels/${id}`, patch),
  deleteLabel: (id: string) => request<void>('DELETE', `/labels/${id}`),
  notes: (id: string, after: number, limit = 200) => request<{ items: NoteDto[]; hasMore: boolean }>('GET', `/conversations/${id}/notes${q({ after, limit })}`),
  addNote: (id: string, body: string, clientId: string) =>
    request<{ note: NoteDto; duplicate: boolean }>('POST', `/conversations/${id}/notes`, { body, clientId }),
  mentionsSeen: (id: string) => request<{ seen: number }>('POST', `/conversations/${id}/mentions/seen`, {}),
  upload: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<AttachmentDto>('POST', `/conversations/${id}/attachments`, form);
  },

  visitor: (id: string) => request<VisitorInfo>('GET', `/visitors/${id}`),

  operators: () => request<{ items: Operator[] }>('GET', '/operators'),
  createOperator: (input: NewOperator) => request<CreatedOperator>('POST', '/operators', { ...input }),
  updateOperator: (id: string, patch: { name?: string; role?: OperatorRole; disabled?: boolean }) => request<Operator>('PATCH', `/operators/${id}`, patch),

  inboxes: () => request<{ items: Inbox[] }>('GET', '/inboxes'),
  createInbox: (name: string) => request<Inbox>('POST', '/inboxes', { name }),
  updateInbox: (id: string, patch: { name?: string; settings?: Partial<InboxSettings> }) => request<Inbox>('PATCH', `/inboxes/${id}`, patch),
  rotateIdentitySecret: (id: string) => request<{ secret: string; createdAt: number }>('POST', `/inboxes/${id}/identity-secret`, {}),
};

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : 'Something went wrong';
}
