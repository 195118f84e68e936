/**
 * The side effects of the team side, started with the session: which
 * conversation this tab shows (told to the server while the tab is visible),
 * notes loaded after every (re)subscription, alerts for mentions, the expiry
 * of "replying" and drafts, and the input that keeps the operator from going
 * away when idle.
 */
import type { ServerFrame } from '@switchboard/protocol';
import { navigate } from '../router';
import { onServerFrame, realtime, sendVolatile } from '../realtime/connection';
import { beep, desktopNotify } from '../realtime/notify';
import { activeId, type State } from '../state';
import { dispatch, store } from '../store';
import { loadScheduled } from '../scheduled/scheduled-actions';
import { forgetMentionChecks, loadNotes, seeMentions } from './team-actions';

/** Someone who stops typing without saying so (closed tab) stops showing as replying after this long. */
const REPLYING_TTL_MS = 8000;
/** A draft not renewed for this long is gone (the visitor left). */
const DRAFT_TTL_MS = 30_000;
/** Input is reported at most this often; more often while away, so the way back is quick. */
const ACTIVITY_EVERY_MS = 60_000;
const ACTIVITY_AWAY_MS = 2000;

const timers = new Map<string, ReturnType<typeof setTimeout>>();
let stops: (() => void)[] = [];
let viewing: string | null | undefined;

function later(key: string, ms: number, fn: () => void): void {
  clearTimeout(timers.get(key));
  timers.set(key, setTimeout(fn, ms));
}

/** The conversation this tab shows while visible, or null. */
function shownNow(s: State): string | null {
  const id = s.visible && s.session === 'signed-in' ? activeId(s) : null;
  return id && s.chats[id] ? id : null;
}

/** Conversations this tab follows silently ("Monitor"): it shows among no viewers and sends no read receipt. */
const monitored = new Set<string>();
export const isMonitoring = (id: string): boolean => monitored.has(id);
export function setMonitoring(id: string, on: boolean): void {
  if (on) monitored.add(id);
  else monitored.delete(id);
  tellViewing(true);
}

/** After the current task: the chat's `subscribe` (sent right after it opens) goes first. */
function tellViewing(force = false): void {
  queueMicrotask(() => {
    const s = store.get();
    const id = shownNow(s);
    if (!force && id === viewing) return;
    if (realtime()?.connectionState !== 'open') return;
    viewing = id;
    sendVolatile({ type: 'view', conversationId: id, ...(id && monitored.has(id) ? { monitor: true } : {}) });
    if (id) seeMentions(id);
  });
}

function onFrame(f: ServerFrame): void {
  const s = store.get();
  if (f.type === 'welcome') tellViewing(true);
  else if (f.type === 'synced' && s.chats[f.conversationId]) {
    void loadNotes(f.conversationId);
    void loadScheduled(f.conversationId);
  } else if (f.type === 'typing' && f.author.kind === 'operator' && f.author.id && f.typing) {
    const operatorId = f.author.id;
    later(`r:${f.conversationId}:${operatorId}`, REPLYING_TTL_MS, () =>
      dispatch({ type: 'team', action: { kind: 'replyingExpired', id: f.conversationId, operatorId } }),
    );
  } else if (f.type === 'draft' && f.text) {
    later(`d:${f.conversationId}`, DRAFT_TTL_MS, () => dispatch({ type: 'team', action: { kind: 'draftExpired', id: f.conversationId } }));
  } else if (f.type === 'mention' && f.latest && f.unseen > 0) mentioned(f, s);
}

function mentioned(f: Extract<ServerFrame, { type: 'mention' }>, s: State): void {
  const onScreen = shownNow(s) === f.conversationId;
  if (onScreen) {
    seeMentions(f.conversationId);
    if (!document.hidden && document.hasFocus()) return;
  }
  beep();
  if (document.hidden || !document.hasFocus()) {
    const by = f.latest?.by.name ?? 'An operator';
    desktopNotify(f.conversationId, `${by} mentioned you in a note`, f.latest?.preview ?? '', () => navigate({ name: 'conversation', id: f.conversationId }));
  }
}

function trackInput(): () => void {
  let sent = 0;
  const onInput = () => {
    const now = Date.now();
    const away = store.get().me?.status === 'away';
    if (now - sent < (away ? ACTIVITY_AWAY_MS : ACTIVITY_EVERY_MS) || realtime()?.connectionState !== 'open') return;
    sent = now;
    sendVolatile({ type: 'activity' });
  };
  const events = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
  for (const e of events) document.addEventListener(e, onInput, { passive: true, capture: true });
  return () => {
    for (const e of events) document.removeEventListener(e, onInput, { capture: true });
  };
}

export function startTeam(): void {
  stopTeam();
  viewing = undefined;
  stops = [onServerFrame(onFrame), store.subscribe(() => tellViewing()), trackInput()];
}

export function stopTeam(): void {
  for (const stop of stops) stop();
  stops = [];
  for (const t of timers.values()) clearTimeout(t);
  timers.clear();
  forgetMentionChecks();
}
