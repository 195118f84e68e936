/**
 * Reply suggestions (G1) in the console: the suggestions of a conversation's
 * latest visitor message (GET, then `suggestions` frames), and what the
 * operator did with them (POST …/suggestions/events). The usage rule at send
 * time is `usageAtSend`.
 */
import type { ReplySuggestion } from '@switchboard/protocol';
import { request } from '../api';

export type SuggestionAction = 'shown' | 'inserted' | 'edited' | 'ignored' | 'sent';

export async function fetchSuggestions(conversationId: string): Promise<{ seq: number | null; suggestions: ReplySuggestion[] }> {
  return request('GET', `/conversations/${encodeURIComponent(conversationId)}/suggestions`);
}

export async function recordSuggestionEvent(conversationId: string, suggestionId: string, action: SuggestionAction): Promise<void> {
  await request('POST', `/conversations/${encodeURIComponent(conversationId)}/suggestions/events`, { suggestionId, action });
}

/**
 * A reply went out: the inserted suggestion was sent as it was ('sent') or
 * changed first ('edited'); every other suggestion shown was replied past ('ignored').
 */
export function usageAtSend(
  shown: readonly string[],
  inserted: { id: string; text: string } | null,
  body: string,
): { suggestionId: string; action: SuggestionAction }[] {
  const out: { suggestionId: string; action: SuggestionAction }[] = [];
  if (inserted) out.push({ suggestionId: inserted.id, action: body.trim() === inserted.text.trim() ? 'sent' : 'edited' });
  for (const id of shown) if (id !== inserted?.id) out.push({ suggestionId: id, action: 'ignored' });
  return out;
}

/** The article's address when it is http(s) (relative ones are the console's own origin); null otherwise. */
export function articleHref(url: string | undefined, origin: string): string | null {
  if (!url) return null;
  try {
    const u = new URL(url, origin);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** The first words of a suggestion, for its title. */
export function firstWords(text: string, n = 8): string {
  const w = text.trim().split(/\s+/);
  return w.length > n ? `${w.slice(0, n).join(' ')}…` : w.join(' ');
}
