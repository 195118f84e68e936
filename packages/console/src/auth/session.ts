/** Signing in and out, and everything that starts or stops with a session. */
import { api, messageOf, setUnauthorizedHandler } from '../api';
import { dispatch, store } from '../store';
import type { Operator } from '../state';
import { onWelcome, sendVolatile, startRealtime, stopRealtime } from '../realtime/connection';
import { ensureOpen, loadLabels, savedOpenChats } from '../conversation/actions';
import { loadCounts, loadList, savedView } from '../inbox/load';
import { requestFocus } from '../ui/focus';
import { startTeam, stopTeam } from '../team/team-effects';

async function loadOperators(): Promise<void> {
  try {
    dispatch({ type: 'operators', items: (await api.operators()).items });
  } catch (err) {
    dispatch({ type: 'notice', message: messageOf(err) });
  }
}

function begin(me: Operator): void {
  dispatch({ type: 'signedIn', me });
  const view = savedView();
  if (view) dispatch({ type: 'view', view });
  onWelcome(() => {
    void loadList();
    void loadCounts();
  });
  startTeam();
  startRealtime();
  void loadList();
  void loadCounts();
  void loadOperators();
  void loadLabels();
  for (const id of savedOpenChats(me.id)) ensureOpen(id);
  const route = store.get().route;
  if (route.name === 'conversation') ensureOpen(route.id);
}

function end(): void {
  stopTeam();
  stopRealtime();
  dispatch({ type: 'signedOut' });
}

/** On load: is there a session already? */
export async function restoreSession(): Promise<void> {
  setUnauthorizedHandler(() => {
    if (store.get().session === 'signed-in') end();
  });
  try {
    begin(await api.me());
  } catch {
    dispatch({ type: 'signedOut' });
  }
}

export async function signIn(email: string, password: string): Promise<void> {
  const { operator } = await api.login(email, password);
  requestFocus('conversations');
  begin(operator);
}

export async function signOut(): Promise<void> {
  try {
    await api.logout();
  } finally {
    end();
  }
}

export function setPresence(status: 'online' | 'away'): void {
  sendVolatile({ type: 'presence', status });
  const me = store.get().me;
  if (me) dispatch({ type: 'operator', operator: { ...me, status } });
}
