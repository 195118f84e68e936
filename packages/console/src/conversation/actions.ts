/** What an operator does in a chat: open and close it, reply, attach, type, read, assign, resolve. */
import type { AttachmentDto, ConversationStatus, ConversationSummary, RichRequest } from '@switchboard/protocol';
import { newClientId } from '@switchboard/protocol/client';
import { api, ApiError, messageOf } from '../api';
import { navigate } from '../router';
import { dispatch, store } from '../store';
import { activeId } from '../state';
import { realtime, sendVolatile } from '../realtime/connection';

const OPEN_KEY = 'sb.console.open';
const MAX_TABS = 12;

/** The open tabs, kept for the next page load. */
function persistOpen(): void {
  const s = store.get();
  if (s.me) localStorage.setItem(`${OPEN_KEY}.${s.me.id}`, JSON.stringify(s.openIds));
}

/** Chats that were open before a reload, for the signed-in operator. */
export function savedOpenChats(meId: string): string[] {
  try {
    const ids = JSON.parse(localStorage.getItem(`${OPEN_KEY}.${meId}`) ?? '[]') as unknown;
    return Array.isArray(ids) ? ids.filter((x): x is string => typeof x === 'string').slice(0, MAX_TABS) : [];
  } catch {
    return [];
  }
}

/** Follows a conversation in a tab (idempotent); the server replays its latest page then streams it live. */
export function ensureOpen(id: string): void {
  const s = store.get();
  if (!s.chats[id]) {
    if (s.openIds.length >= MAX_TABS) {
      const oldest = s.openIds.find((x) => x !== activeId(s));
      if (oldest) closeChat(oldest, false);
    }
    dispatch({ type: 'openChat', id });
    realtime()?.subscribe(id);
    persistOpen();
  }
  if (!store.get().conversations[id]) {
    api.conversation(id).then(
      (conversation) => dispatch({ type: 'summary', conversation }),
      (err) => {
        // Gone (deleted, or another workspace's link): drop the tab instead of showing it forever.
        if (err instanceof ApiError && err.status === 404) closeChat(id);
        dispatch({ type: 'notice', message: messageOf(err) });
      },
    );
  }
}

export function openChat(id: string): void {
  navigate({ name: 'conversation', id });
}

export function closeChat(id: string, moveFocus = true): void {
  const before = store.get();
  const index = before.openIds.indexOf(id);
  realtime()?.unsubscribe(id);
  lastRead.delete(id);
  dispatch({ type: 'closeChat', id });
  persistOpen();
  if (moveFocus && activeId(before) === id) {
    const ids = store.get().openIds;
    const next = ids[Math.min(index, ids.length - 1)];
    navigate(next ? { name: 'conversation', id: next } : { name: 'inbox' });
  }
}

export function sendReply(id: string, body: string, attachments: AttachmentDto[], clientId = newClientId(), rich?: RichRequest): void {
  const client = realtime();
  if (!client) return;
  if (!store.get().chats[id]?.pending.some((p) => p.clientId === clientId)) {
    dispatch({ type: 'replyPending', id, reply: { clientId, body, attachments, rich, createdAt: Date.now(), state: 'sending', error: null } });
  } else {
    dispatch({ type: 'replyUpdated', id, clientId, patch: { state: 'sending', error: null } });
  }
  client
    .send({ conversationId: id, clientId, body, ...(attachments.length ? { attachmentIds: attachments.map((a) => a.id) } : {}), ...(rich ? { rich } : {}) })
    .then(
      () => dispatch({ type: 'replyUpdated', id, clientId, patch: { state: 'sent' } }),
      (err: { message?: string }) => dispatch({ type: 'replyUpdated', id, clientId, patch: { state: 'failed', error: err.message ?? 'Not sent' } }),
    );
}

export function retryReply(id: string, clientId: string): void {
  const reply = store.get().chats[id]?.pending.find((p) => p.clientId === clientId);
  if (reply) sendReply(id, reply.body, reply.attachments, clientId, reply.rich);
}

export async function loadEarlier(id: string): Promise<void> {
  const chat = store.get().chats[id];
  const first = chat?.messages[0];
  if (!chat || !first || chat.loadingEarlier) return;
  dispatch({ type: 'earlierLoading', id, loading: true });
  try {
    const page = await api.history(id, first.seq);
    dispatch({ type: 'earlierLoaded', id, messages: page.messages, hasEarlier: page.hasEarlier });
  } catch (err) {
    dispatch({ type: 'earlierLoading', id, loading: false });
    dispatch({ type: 'notice', message: messageOf(err) });
  }
}

const lastRead = new Map<string, number>();

/** Read receipt to the visitor, once per new sequence number. */
export function markRead(id: string, seq: number): void {
  if (seq < 1 || (lastRead.get(id) ?? 0) >= seq || realtime()?.connectionState !== 'open') return;
  lastRead.set(id, seq);
  sendVolatile({ type: 'read', conversationId: id, seq });
}

const typingSentAt = new Map<string, number>();
const TYPING_EVERY_MS = 2000;

/** While typing, at most one `typing` frame every 2 s; one `false` when the operator stops. */
export function setTyping(id: string, typing: boolean): void {
  const last = typingSentAt.get(id);
  if (typing) {
    if (last !== undefined && Date.now() - last < TYPING_EVERY_MS) return;
    typingSentAt.set(id, Date.now());
  } else {
    if (last === undefined) return;
    typingSentAt.delete(id);
  }
  sendVolatile({ type: 'typing', conversationId: id, typing });
}

async function run(task: () => Promise<{ conversation: ConversationSummary }>): Promise<boolean> {
  try {
    const r = await task();
    dispatch({ type: 'summary', conversation: r.conversation });
    return true;
  } catch (err) {
    dispatch({ type: 'notice', message: messageOf(err) });
    return false;
  }
}

export const assignToMe = (id: string) => run(() => api.assign(id, store.get().me?.id ?? null));
export const unassign = (id: string) => run(() => api.assign(id, null));
export const setStatus = (id: string, status: Exclude<ConversationStatus, 'snoozed'>) => run(() => api.setStatus(id, status));
export const snooze = (id: string, until: number | null) => run(() => api.snooze(id, until));
export const setLabels = (id: string, change: { add?: string[]; remove?: string[] }) => run(() => api.setLabels(id, change));

/** Merges `fromId` into `intoId`; the `merged` frame then moves every open tab of the other one here. */
export async function mergeInto(intoId: string, fromId: string): Promise<boolean> {
  try {
    const r = await api.merge(intoId, fromId);
    dispatch({ type: 'summary', conversation: r.from });
    dispatch({ type: 'summary', conversation: r.conversation });
    return true;
  } catch (err) {
    dispatch({ type: 'notice', message: messageOf(err) });
    return false;
  }
}

export async function loadLabels(): Promise<void> {
  try {
    dispatch({ type: 'labels', items: (await api.labels()).items });
  } catch (err) {
    dispatch({ type: 'notice', message: messageOf(err) });
  }
}

export function loadVisitor(visitorId: string): void {
  api.visitor(visitorId).then(
    (visitor) => dispatch({ type: 'visitor', visitor }),
    () => {},
  );
}

// Tabs can change without an action here (a merge replaces one): keep what is saved in step.
store.subscribe((s, prev) => {
  if (s.openIds !== prev.openIds && s.me) persistOpen();
});
