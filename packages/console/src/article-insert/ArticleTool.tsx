/**
 * "Articles" in the reply composer: search the knowledge base's published
 * articles and put a link or an excerpt into the reply, at the caret. With the
 * search box empty it shows the articles for the visitor's last messages.
 * Everything shown is text (titles and excerpts are plain text from the
 * server, rendered as text nodes). Esc closes and gives the focus back to the
 * reply box.
 */
import type { RefObject } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { type ArticleSuggestion, insertion, recordInserted, suggestArticles } from './insert-api';

/** Wait this long after the last keystroke before searching. */
const DEBOUNCE_MS = 250;

type Results = { state: 'loading' } | { state: 'done'; items: ArticleSuggestion[]; q: string } | { state: 'failed'; message: string };

export function ArticleTool(props: {
  conversationId: string;
  /** The reply box: the focus goes back there on close. */
  input: RefObject<HTMLTextAreaElement>;
  /** Puts text at the reply's caret. */
  onInsert: (text: string) => void;
}) {
  const { conversationId, input, onInsert } = props;
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState('');
  const [results, setResults] = useState<Results>({ state: 'loading' });
  const wrap = useRef<HTMLSpanElement>(null);
  const search = useRef<HTMLInputElement>(null);
  const id = useId();

  const close = (focusReply: boolean) => {
    setOpen(false);
    setQ('');
    if (focusReply) input.current?.focus();
  };

  // Debounced search; the answer to an older query never replaces a newer one.
  useEffect(() => {
    if (!open) return;
    let live = true;
    setResults((r) => (r.state === 'done' ? r : { state: 'loading' }));
    const timer = setTimeout(
      () => {
        suggestArticles(conversationId, q)
          .then((items) => live && setResults({ state: 'done', items, q }))
          .catch((err) => live && setResults({ state: 'failed', message: messageOf(err) }));
      },
      q ? DEBOUNCE_MS : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, q, conversationId]);

  useEffect(() => {
    if (!open) return;
    search.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        close(true);
      }
    };
    const onDown = (e: MouseEvent) => {
      if (!wrap.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('mousedown', onDown);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('mousedown', onDown);
    };
  }, [open]);

  // Another conversation: start again.
  useEffect(() => close(false), [conversationId]);

  function insert(a: ArticleSuggestion, what: 'link' | 'excerpt') {
    onInsert(insertion(a, what));
    close(false);
    // Counted for the article's effectiveness; a failure here does not undo the text.
    void recordInserted(a.id, conversationId, what).catch(() => {});
  }

  return (
    <span class="popover-wrap article-tool" ref={wrap}>
      <button type="button" class="btn btn-ghost btn-sm" aria-expanded={open} aria-controls={id} onClick={() => (open ? close(true) : setOpen(true))}>
        Articles
      </button>
      {open && (
        <div id={id} class="popover article-popover" role="dialog" aria-label="Insert article">
          <label class="field">
            <span>Search articles</span>
            <input ref={search} type="search" value={q} autocomplete="off" onInput={(e) => setQ(e.currentTarget.value)} />
          </label>
          <div aria-live="polite" class="article-results">
            {results.state === 'loading' && <p class="muted small">Searching…</p>}
            {results.state === 'failed' && (
              <p class="field-error" role="alert">
                {results.message}
              </p>
            )}
            {results.state === 'done' && results.items.length === 0 && (
              <p class="muted small">{results.q.trim() ? 'No published article matches.' : 'Type to search the published articles.'}</p>
            )}
            {results.state === 'done' && results.items.length > 0 && (
              <ul class="article-list" aria-label={results.q.trim() ? 'Articles found' : 'Suggested for this conversation'}>
                {results.items.map((a) => (
                  <li key={a.id} class="article-item">
                    <strong id={`${id}-${a.id}`} class="article-item-title">
                      {a.title}
                    </strong>
                    {a.excerpt && <p class="article-item-excerpt small">{a.excerpt}</p>}
                    <div class="article-item-actions">
                      <button type="button" class="btn btn-sm" aria-describedby={`${id}-${a.id}`} onClick={() => insert(a, 'link')}>
                        Insert link
                      </button>
                      <button type="button" class="btn btn-sm" aria-describedby={`${id}-${a.id}`} onClick={() => insert(a, 'excerpt')}>
                        Insert excerpt
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </div>
      )}
    </span>
  );
}
