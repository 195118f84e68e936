/** Loads the inbox list for the selected view and status; frames keep it live afterwards. */
import { api, messageOf } from '../api';
import { dispatch, store } from '../store';
import type { ConversationStatus } from '@switchboard/protocol';
import type { View } from './conversations';

const PAGE = 30;
let generation = 0;

export async function loadList(append = false): Promise<void> {
  const s = store.get();
  const cursor = append ? s.list.nextCursor : null;
  if (append && !cursor) return;
  const mine = ++generation;
  dispatch({ type: 'listLoading' });
  try {
    const page = await api.conversations({ view: s.view, status: s.status, limit: PAGE, ...(cursor ? { cursor } : {}) });
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

export function selectView(view: View): void {
  dispatch({ type: 'view', view });
  localStorage.setItem('sb.console.view', view);
  void loadList();
}

export function selectStatus(status: ConversationStatus): void {
  dispatch({ type: 'status', status });
  void loadList();
}

export function savedView(): View | null {
  const v = localStorage.getItem('sb.console.view');
  return v === 'mine' || v === 'unassigned' || v === 'all' ? v : null;
}
