/**
 * "Suggested replies" above the reply composer: up to three replies for the
 * visitor's latest message, each with its source (the help centre article,
 * an earlier answer, or the language model's draft). "Insert suggestion N"
 * or Alt+N puts it into the composer for editing; nothing is ever sent
 * without the operator.
 */
import type { ReplySuggestion } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { onServerFrame } from '../realtime/connection';
import { articleHref, fetchSuggestions } from './suggest-api';
import { markInserted, markShown, onSuggestions, setSuggestions, suggestionsOf } from './suggest-state';

export function SuggestedReplies({ id, onInsert }: { id: string; onInsert: (text: string) => void }) {
  const [list, setList] = useState<ReplySuggestion[]>(suggestionsOf(id));

  useEffect(() => {
    setList(suggestionsOf(id));
    const off = onSuggestions((c) => c === id && setList(suggestionsOf(id)));
    const offFrame = onServerFrame((f) => {
      if (f.type === 'suggestions') setSuggestions(f.conversationId, f.seq, f.suggestions);
    });
    fetchSuggestions(id)
      .then((r) => r.seq !== null && setSuggestions(id, r.seq, r.suggestions))
      .catch(() => {});
    return () => {
      off();
      offFrame();
    };
  }, [id]);

  useEffect(() => {
    if (list.length > 0)
      markShown(
        id,
        list.map((s) => s.id),
      );
  }, [id, list]);

  function insert(s: ReplySuggestion) {
    markInserted(id, s);
    onInsert(s.text);
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const n = /^Digit([1-3])$/.exec(e.code)?.[1];
      const s = n ? list[Number(n) - 1] : undefined;
      if (!s) return;
      e.preventDefault();
      insert(s);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  if (list.length === 0) return null;
  return (
    <section class="suggested-replies" aria-label="Suggested replies">
      <ol class="suggested-list">
        {list.map((s, i) => (
          <li key={s.id} class="suggested-item">
            <p class="suggested-text">{s.text}</p>
            <div class="suggested-bar">
              <Source s={s} />
              <button
                type="button"
                class="btn btn-ghost btn-sm"
                aria-keyshortcuts={`Alt+${i + 1}`}
                title={`Into the reply for editing (Alt+${i + 1})`}
                onClick={() => insert(s)}
              >
                Insert suggestion {i + 1}
              </button>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Source({ s }: { s: ReplySuggestion }) {
  if (s.source.kind === 'article') {
    const href = articleHref(s.source.url, location.origin);
    return (
      <span class="suggested-source muted">
        Article:{' '}
        {href ? (
          <a href={href} target="_blank" rel="noopener noreferrer">
            {s.source.title}
          </a>
        ) : (
          s.source.title
        )}
      </span>
    );
  }
  return <span class="suggested-source muted">{s.source.kind === 'answer' ? 'Earlier answer' : s.source.title}</span>;
}
