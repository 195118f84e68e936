/** What an operator does on the team side of a chat: load and write notes, see mentions. */
import { newClientId } from '@switchboard/protocol/client';
import { api, messageOf } from '../api';
import { dispatch, store } from '../store';
import { knownUpTo } from './team';

const loading = new Map<string, boolean>();

/**
 * Loads the notes a chat does not have yet, from the last one it holds
 * without a gap: after opening and after every reconnect (each `synced`), so
 * nothing written while the connection was down is missed.
 */
export async function loadNotes(id: string): Promise<void> {
  if (loading.has(id)) {
    loading.set(id, true);
    return;
  }
  loading.set(id, false);
  try {
    for (;;) {
      const after = knownUpTo(store.get().team.byId[id]?.notes ?? []);
      const page = await api.notes(id, after);
      dispatch({ type: 'team', action: { kind: 'notes', id, notes: page.items } });
      if (!page.hasMore && !loading.get(id)) break;
      loading.set(id, false);
    }
  } catch (err) {
    dispatch({ type: 'notice', message: `Notes: ${messageOf(err)}` });
  } finally {
    loading.delete(id);
  }
}

/** Writes a private note; resolves false (and says why) when it was not stored, so the text stays in the composer. */
export async function addNote(id: string, body: string): Promise<boolean> {
  try {
    const { note } = await api.addNote(id, body, newClientId());
    dispatch({ type: 'team', action: { kind: 'notes', id, notes: [note] } });
    return true;
  } catch (err) {
    dispatch({ type: 'notice', message: `The note was not saved: ${messageOf(err)}` });
    return false;
  }
}

const checked = new Set<string>();

/** The conversation is on screen: its mentions of me are seen (and their alert goes). */
export function seeMentions(id: string): void {
  const s = store.get();
  if (s.team.alerts.some((a) => a.conversationId === id)) dispatch({ type: 'team', action: { kind: 'dismiss', conversationId: id } });
  // Asked once per conversation per session, then again whenever a mention comes in.
  if (checked.has(id) && !(s.team.byId[id]?.unseenMentions ?? 0)) return;
  checked.add(id);
  api.mentionsSeen(id).catch(() => checked.delete(id));
}

export function forgetMentionChecks(): void {
  checked.clear();
}
