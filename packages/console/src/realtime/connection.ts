/**
 * The console's one WebSocket, through the shared `RealtimeClient` (which
 * reconnects, resumes each followed conversation and resends unacknowledged
 * replies). Frames go into the store; this module adds the side effects:
 * notifications, typing expiry, reloading the inbox when a connection is ready.
 */
import type { ServerFrame } from '@switchboard/protocol';
import type { ClientFrame } from '@switchboard/protocol/schema';
import { RealtimeClient, reloadForNewVersion } from '@switchboard/protocol/client';
import { dispatch, store } from '../store';
import { activeId } from '../state';
import { navigate } from '../router';
import { beep, desktopNotify, notificationText, shouldNotify } from './notify';
import { refreshCounts } from '../inbox/load';

let client: RealtimeClient | null = null;
const typingTimers = new Map<string, ReturnType<typeof setTimeout>>();
/** Reloads the inbox list; set by the session module (the inbox imports this one). */
let reloadList: () => void = () => {};

export function onWelcome(fn: () => void): void {
  reloadList = fn;
}

function wsUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
}

/** A visitor who stops typing without saying so (closed tab) stops showing after this long. */
const TYPING_TTL_MS = 8000;

function beforeDispatch(frame: ServerFrame): void {
  const s = store.get();
  if (frame.type === 'conversation') {
    const prev = s.conversations[frame.conversation.id];
    const ctx = { meId: s.me?.id ?? null, hidden: document.hidden, activeId: activeId(s) };
    if (shouldNotify(prev, frame.conversation, ctx)) {
      beep();
      if (ctx.hidden || !document.hasFocus()) {
        const { title, body } = notificationText(prev, frame.conversation);
        desktopNotify(frame.conversation.id, title, body, () => navigate({ name: 'conversation', id: frame.conversation.id }));
      }
    }
  } else if (frame.type === 'typing' && frame.author.kind === 'visitor') {
    const id = frame.conversationId;
    clearTimeout(typingTimers.get(id));
    if (frame.typing)
      typingTimers.set(
        id,
        setTimeout(() => dispatch({ type: 'typingExpired', id }), TYPING_TTL_MS),
      );
  }
}

/** Features that react to frames after the store has them (team/team-effects.ts). */
const frameListeners = new Set<(frame: ServerFrame) => void>();
export function onServerFrame(fn: (frame: ServerFrame) => void): () => void {
  frameListeners.add(fn);
  return () => frameListeners.delete(fn);
}

function onFrame(frame: ServerFrame): void {
  beforeDispatch(frame);
  dispatch({ type: 'frame', frame });
  // A conversation that changes may move between views: their counts follow (at most once a second).
  if (frame.type === 'conversation' || frame.type === 'merged') refreshCounts();
  if (frame.type === 'merged') afterMerge(frame);
  for (const fn of frameListeners) fn(frame);
  // Inbox changes made before this connection was ready (the first one too: the list may have
  // loaded just before a visitor wrote) came as no frames: reload the list once frames flow.
  if (frame.type === 'welcome' || frame.type === 'access') reloadList();
  if (frame.type === 'access') refreshCounts();
}

export function startRealtime(): void {
  if (client) return;
  client = new RealtimeClient({
    url: wsUrl(),
    // The session cookie authenticates the operator: same origin, nothing to pass.
    auth: () => ({ kind: 'operator' }),
    onFrame,
    onState: (state, reason) => {
      dispatch({ type: 'connection', state });
      if (state === 'refused' && reason === 'bad_version') reloadForNewVersion(window);
      if (state === 'refused' && reason === 'unauthorized') {
        // The session ended (expired, signed out elsewhere): start again from the sign-in screen.
        stopRealtime();
        dispatch({ type: 'signedOut' });
      }
    },
  });
  client.connect();
}

export function stopRealtime(): void {
  client?.close();
  client = null;
  for (const t of typingTimers.values()) clearTimeout(t);
  typingTimers.clear();
}

export function realtime(): RealtimeClient | null {
  return client;
}

export function sendVolatile(frame: ClientFrame): void {
  client?.sendVolatile(frame);
}

/**
 * Two conversations became one: the tab of the one merged away now shows the
 * survivor (the store already dropped what both held; RealtimeClient follows
 * the survivor afresh).
 */
function afterMerge(frame: Extract<ServerFrame, { type: 'merged' }>): void {
  const s = store.get();
  if (activeId(s) === frame.from) navigate({ name: 'conversation', id: frame.into });
}
