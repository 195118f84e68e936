/**
 * What the console holds per conversation: its latest suggestions, those
 * recorded as shown, the one inserted. The composer tells `replySent` when a
 * reply goes out; the list listens with `onSuggestions`.
 */
import type { ReplySuggestion } from '@switchboard/protocol';
import { recordSuggestionEvent, type SuggestionAction, usageAtSend } from './suggest-api';

interface Held {
  seq: number;
  suggestions: ReplySuggestion[];
  shown: Set<string>;
  inserted: { id: string; text: string } | null;
  /** A reply went out after this visitor message: its suggestions stay away. */
  answered: boolean;
}

const held = new Map<string, Held>();
const listeners = new Set<(conversationId: string) => void>();

const record = (conversationId: string, suggestionId: string, action: SuggestionAction) => {
  recordSuggestionEvent(conversationId, suggestionId, action).catch(() => {});
};

export function suggestionsOf(conversationId: string): ReplySuggestion[] {
  return held.get(conversationId)?.suggestions ?? [];
}

export function onSuggestions(fn: (conversationId: string) => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** Newer suggestions replace older ones (a frame or the GET, whichever comes last by seq). */
export function setSuggestions(conversationId: string, seq: number, suggestions: ReplySuggestion[]): void {
  const current = held.get(conversationId);
  if (current && (current.seq > seq || (current.seq === seq && current.answered))) return;
  const same = current?.seq === seq;
  held.set(conversationId, { seq, suggestions, shown: same ? current.shown : new Set(), inserted: same ? current.inserted : null, answered: false });
  for (const fn of listeners) fn(conversationId);
}

/** Recorded once per suggestion and visitor message. */
export function markShown(conversationId: string, ids: string[]): void {
  const h = held.get(conversationId);
  if (!h) return;
  for (const id of ids) {
    if (h.shown.has(id)) continue;
    h.shown.add(id);
    record(conversationId, id, 'shown');
  }
}

export function markInserted(conversationId: string, suggestion: ReplySuggestion): void {
  const h = held.get(conversationId);
  if (!h) return;
  h.inserted = { id: suggestion.id, text: suggestion.text };
  record(conversationId, suggestion.id, 'inserted');
}

/** A reply went out: sent / edited / ignored recorded, and the suggestions leave until the visitor writes again. */
export function replySent(conversationId: string, body: string): void {
  const h = held.get(conversationId);
  if (!h || h.suggestions.length === 0) return;
  for (const u of usageAtSend([...h.shown], h.inserted, body)) record(conversationId, u.suggestionId, u.action);
  held.set(conversationId, { seq: h.seq, suggestions: [], shown: new Set(), inserted: null, answered: true });
  for (const fn of listeners) fn(conversationId);
}
