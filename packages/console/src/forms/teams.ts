/**
 * The workspace's teams by id, loaded once per signed-in session (for the
 * team a visitor chose in the pre-chat form, and the form's editor), again
 * when asked after a change.
 */
import { useEffect, useReducer } from 'preact/hooks';
import { cannedApi, type Team } from '../canned/canned-api';
import { store } from '../store';

let teams: Team[] | null = null;
let loading: Promise<void> | null = null;
const listeners = new Set<() => void>();

store.subscribe((s, prev) => {
  if (s.session !== prev.session && s.session !== 'signed-in') {
    teams = null;
    loading = null;
  }
});

export function reloadTeams(): Promise<void> {
  loading ??= cannedApi.teams().then(
    (r) => {
      teams = r.items;
      loading = null;
      for (const l of listeners) l();
    },
    () => {
      loading = null;
    },
  );
  return loading;
}

/** The workspace's teams (null while loading). */
export function useTeams(): Team[] | null {
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    listeners.add(rerender as () => void);
    if (teams === null) void reloadTeams();
    return () => void listeners.delete(rerender as () => void);
  }, []);
  return teams;
}
