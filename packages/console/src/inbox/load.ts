/** Loads the inbox list for the selected view, status and label, and every view's count; frames keep them live. */
import { api, messageOf } from '../api';
import { dispatch, store } from '../store';
import { type ActiveStatus, byStatus, type View } from './conversations';

const PAGE = 30;
let generation = 0;

export async function loadList(append = false): Promise<void> {
  const s = store.get();
  const cursor = append ? s.list.nextCursor : null;
  if (append && !cursor) return;
  const mine = ++generation;
  dispatch({ type: 'listLoading' });
  try {
    if (s.view === 'mentions') {
      // The Mentions view lists what the server keeps of my unseen mentions.
      const page = await api.mentionedConversations({ limit: PAGE, ...(cursor ? { cursor } : {}) });
      if (mine !== generation) return;
      dispatch({ type: 'mentioned', ids: page.items.map((c) => c.id), replace: !append });
      dispatch({ type: 'listLoaded', items: page.items, nextCursor: page.nextCursor, append });
      return;
    }
    const page = await api.conversations({
      view: s.view,
      ...(byStatus(s.view) ? { status: s.status } : {}),
      ...(s.labelFilter ? { label: s.labelFilter } : {}),
      limit: PAGE,
      ...(cursor ? { cursor } : {}),
    });
    // A newer request (another view was picked meanwhile) wins.
    if (mine !== generation) return;
    dispatch({ type: 'listLoaded', items: page.items, nextCursor: page.nextCursor, append });
    if (page.items.length === 0 && !store.get().hasConversations) void checkAnyConversation();
  } catch (err) {
    if (mine === generation) dispatch({ type: 'listFailed', message: messageOf(err) });
  }
}

/** An empty view says "all caught up" only if there is anything at all: one cheap look at the whole workspace. */
async function checkAnyConversation(): Promise<void> {
  try {
    const any = await api.conversations({ view: 'all', limit: 1 });
    dispatch({ type: 'hasConversations', value: any.items.length > 0 });
  } catch {
    /* the list's own error says enough */
  }
}

let countsTimer: ReturnType<typeof setTimeout> | undefined;
let countsGeneration = 0;

/** Every view's count, now. */
export async function loadCounts(): Promise<void> {
  clearTimeout(countsTimer);
  countsTimer = undefined;
  const mine = ++countsGeneration;
  try {
    const { cap, ...values } = await api.counts(store.get().labelFilter ?? undefined);
    if (mine === countsGeneration) dispatch({ type: 'counts', values, cap });
  } catch {
    /* counts are a help, not the list: they are tried again on the next change */
  }
}

/**
 * Counts follow the conversations that change: at most one request a second
 * however busy the workspace (many changes come in a burst).
 */
export function refreshCounts(): void {
  if (countsTimer !== undefined) return;
  countsTimer = setTimeout(() => void loadCounts(), 1000);
}

export function selectView(view: View): void {
  dispatch({ type: 'view', view });
  localStorage.setItem('sb.console.view', view);
  void loadList();
}

export function selectStatus(status: ActiveStatus): void {
  dispatch({ type: 'status', status });
  void loadList();
}

export function selectLabel(label: string | null): void {
  dispatch({ type: 'labelFilter', label });
  void loadList();
  void loadCounts();
}

const SAVED: View[] = ['mine', 'unassigned', 'mentions', 'snoozed', 'resolved', 'all'];

export function savedView(): View | null {
  const v = localStorage.getItem('sb.console.view') as View | null;
  return v && SAVED.includes(v) ? v : null;
}
