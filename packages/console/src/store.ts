/**
 * The console's one store: a pure `reduce` over `State` (state.ts), a
 * subscribe/dispatch pair, and a Preact hook that re-renders a component
 * only when the part of the state it selected changed.
 */
import { useEffect, useReducer, useRef } from 'preact/hooks';
import { applyFrame, upsertSummary } from './realtime/apply-frame';
import { mergeMessages, newChat, updatePending } from './conversation/chat';
import { initialState, onScreen, type Action, type State } from './state';
import type { Chat } from './conversation/chat';
import { reduceTeam } from './team/team';

function withChat(s: State, id: string, fn: (c: Chat) => Chat): State {
  const chat = s.chats[id];
  return chat ? { ...s, chats: { ...s.chats, [id]: fn(chat) } } : s;
}

/** Whatever is on screen now is read. */
function clearOnScreen(s: State): State {
  const id = s.route.name === 'conversation' ? s.route.id : null;
  if (!id || !onScreen(s, id) || !s.unread[id]) return s;
  return { ...s, unread: { ...s.unread, [id]: 0 } };
}

export function reduce(s: State, a: Action): State {
  switch (a.type) {
    case 'signedIn':
      return { ...s, session: 'signed-in', me: a.me };
    case 'signedOut':
      // Nothing of the previous operator's workspace stays in memory.
      return { ...initialState, session: 'signed-out', route: s.route, visible: s.visible };
    case 'connection':
      return { ...s, connection: a.state };
    case 'route':
      return clearOnScreen({ ...s, route: a.route, tool: null });
    case 'visible':
      return clearOnScreen({ ...s, visible: a.visible });
    case 'view':
      return { ...s, view: a.view, list: { ...s.list, nextCursor: null } };
    case 'status':
      return { ...s, status: a.status, list: { ...s.list, nextCursor: null } };
    case 'labelFilter':
      return { ...s, labelFilter: a.label, list: { ...s.list, nextCursor: null } };
    case 'counts':
      return { ...s, counts: { values: a.values, cap: a.cap } };
    case 'labels':
      return { ...s, labels: Object.fromEntries(a.items.map((l) => [l.id, l])) };
    case 'mentioned':
      return { ...s, mentioned: { ...(a.replace ? {} : s.mentioned), ...Object.fromEntries(a.ids.map((id) => [id, true as const])) } };
    case 'mentionSeen': {
      if (!s.mentioned[a.id]) return s;
      const { [a.id]: _seen, ...rest } = s.mentioned;
      return { ...s, mentioned: rest };
    }
    case 'listLoading':
      return { ...s, list: { ...s.list, loading: true, error: null } };
    case 'listLoaded': {
      const next = a.items.reduce(upsertSummary, s);
      return { ...next, list: { loading: false, error: null, nextCursor: a.nextCursor } };
    }
    case 'listFailed':
      return { ...s, list: { ...s.list, loading: false, error: a.message } };
    case 'hasConversations':
      // Conversations are never deleted: once there is one, there always is.
      return s.hasConversations ? s : { ...s, hasConversations: a.value };
    case 'summary':
      return upsertSummary(s, a.conversation);
    case 'frame':
      return applyFrame(s, a.frame);
    case 'openChat':
      if (s.chats[a.id]) return s;
      return { ...s, openIds: [...s.openIds, a.id], chats: { ...s.chats, [a.id]: newChat() } };
    case 'closeChat': {
      const { [a.id]: _closed, ...chats } = s.chats;
      return { ...s, openIds: s.openIds.filter((id) => id !== a.id), chats };
    }
    case 'earlierLoading':
      return withChat(s, a.id, (c) => ({ ...c, loadingEarlier: a.loading }));
    case 'earlierLoaded':
      return withChat(s, a.id, (c) => ({ ...c, loadingEarlier: false, hasEarlier: a.hasEarlier, messages: mergeMessages(c.messages, a.messages) }));
    case 'replyPending':
      return withChat(s, a.id, (c) => ({ ...c, pending: [...c.pending, a.reply] }));
    case 'replyUpdated':
      return withChat(s, a.id, (c) => updatePending(c, a.clientId, a.patch));
    case 'typingExpired':
      return withChat(s, a.id, (c) => (c.visitorTyping ? { ...c, visitorTyping: false } : c));
    case 'visitor':
      return { ...s, visitors: { ...s.visitors, [a.visitor.id]: a.visitor } };
    case 'operators':
      return { ...s, operators: Object.fromEntries(a.items.map((o) => [o.id, o])) };
    case 'operator':
      return {
        ...s,
        operators: { ...s.operators, [a.operator.id]: a.operator },
        me: s.me?.id === a.operator.id ? { ...s.me, ...a.operator } : s.me,
      };
    case 'notice':
      return { ...s, notice: a.message };
    case 'tool':
      return { ...s, tool: a.tool };
    case 'team':
      return { ...s, team: reduceTeam(s.team, a.action) };
  }
}

export interface Store {
  get(): State;
  dispatch(action: Action): void;
  subscribe(listener: (s: State, prev: State) => void): () => void;
}

export function createStore(initial: State = initialState): Store {
  let state = initial;
  const listeners = new Set<(s: State, prev: State) => void>();
  return {
    get: () => state,
    dispatch(action) {
      const prev = state;
      state = reduce(state, action);
      if (state !== prev) for (const l of listeners) l(state, prev);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const store = createStore();
export const dispatch = store.dispatch;

/** The selected part of the state; the component re-renders when it changes (compared with Object.is). */
export function useStore<T>(select: (s: State) => T): T {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const selectRef = useRef(select);
  selectRef.current = select;
  const value = select(store.get());
  const valueRef = useRef(value);
  valueRef.current = value;
  useEffect(
    () =>
      store.subscribe((s) => {
        if (!Object.is(selectRef.current(s), valueRef.current)) rerender(0);
      }),
    [],
  );
  return value;
}
