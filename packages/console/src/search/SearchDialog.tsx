import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { messageOf, request } from '../api';
import { openChat } from '../conversation/actions';
import { navigate } from '../router';
import { useStore } from '../store';
import { type ArticleHit, type ContactHit, type Highlighted, type MessageHit, pieces, type SearchFilters, type SearchResult, search } from './search-api';

type Option = { key: string; hit: { kind: 'message'; m: MessageHit } | { kind: 'contact'; c: ContactHit } | { kind: 'article'; a: ArticleHit } };

/** Who writes articles opens them in Settings → Knowledge base; others read a published one in the help centre. */
const EDITORS = new Set(['owner', 'admin', 'supervisor']);

/** Matched words as <mark> elements; the text itself is only ever text. */
export function Marked({ h }: { h: Highlighted | null }) {
  if (!h) return null;
  return <>{pieces(h).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : p.text))}</>;
}

/** After opening a conversation, shows the message found (when it is in the loaded history). */
function showMessage(seq: number, tries = 20): void {
  const el = document.querySelector<HTMLElement>(`.chat-column [data-seq="${seq}"]`);
  if (el) {
    el.scrollIntoView({ block: 'center' });
    el.classList.add('search-found');
    setTimeout(() => el.classList.remove('search-found'), 2500);
  } else if (tries > 0) setTimeout(() => showMessage(seq, tries - 1), 100);
}

/** Search (C4): a modal dialog with a combobox and grouped results; `/` or Ctrl+K (Cmd+K) opens it. */
export function SearchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const labels = useStore((s) => s.labels);
  const operators = useStore((s) => s.operators);
  const role = useStore((s) => s.me?.role);
  const editor = role !== undefined && EDITORS.has(role);
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<SearchFilters>({});
  const [result, setResult] = useState<SearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [places, setPlaces] = useState<{ inboxes: { id: string; name: string }[]; teams: { id: string; name: string }[] }>({ inboxes: [], teams: [] });

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      d.showModal();
      input.current?.focus();
      input.current?.select();
      void Promise.all([
        request<{ items: { id: string; name: string }[] }>('GET', '/inboxes'),
        request<{ items: { id: string; name: string }[] }>('GET', '/teams'),
      ]).then(
        ([i, t]) => setPlaces({ inboxes: i.items, teams: t.items }),
        () => {},
      );
    }
    if (!open && d.open) d.close();
  }, [open]);

  useEffect(() => {
    if (!q.trim()) {
      setResult(null);
      return;
    }
    let live = true;
    const t = setTimeout(() => {
      search(q, filters).then(
        (r) => {
          if (!live) return;
          setResult(r);
          setError(null);
          setActive(0);
        },
        (err) => {
          if (live) setError(messageOf(err));
        },
      );
    }, 150);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [q, filters]);

  const options: Option[] = [
    ...(result?.messages?.items ?? []).map((m): Option => ({ key: `m-${m.id}`, hit: { kind: 'message', m } })),
    ...(result?.contacts?.items ?? []).map((c): Option => ({ key: `c-${c.id}`, hit: { kind: 'contact', c } })),
    ...(result?.articles?.items ?? []).map((a): Option => ({ key: `a-${a.id}`, hit: { kind: 'article', a } })),
  ];
  /** An operator's hit on a draft: shown, but it leads nowhere (the help centre shows only published articles). */
  const inert = (o: Option) => o.hit.kind === 'article' && !editor && o.hit.a.state !== 'published';
  const choose = (o: Option | undefined) => {
    if (!o || inert(o)) return;
    if (o.hit.kind === 'article') {
      if (!editor) {
        window.open(o.hit.a.url, '_blank', 'noopener');
        return;
      }
      onClose();
      return navigate({ name: 'article', id: o.hit.a.id });
    }
    onClose();
    if (o.hit.kind === 'contact') return navigate({ name: 'contact', id: o.hit.c.id });
    openChat(o.hit.m.conversationId);
    showMessage(o.hit.m.seq);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (options.length) setActive((active + (e.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(options[active]);
    }
  };
  const set = (k: keyof SearchFilters) => (e: Event) => setFilters({ ...filters, [k]: (e.target as HTMLInputElement).value || undefined });
  const optionId = (o: Option) => `search-${o.key}`;
  const renderOption = (o: Option) => {
    const i = options.indexOf(o);
    return (
      <div
        key={o.key}
        id={optionId(o)}
        role="option"
        tabIndex={-1}
        aria-selected={i === active}
        aria-disabled={inert(o) ? true : undefined}
        class={inert(o) ? 'search-option search-option-inert' : 'search-option'}
        // Mouse down, not click: the search box keeps the focus (and its keys: aria-activedescendant).
        onMouseDown={(e) => {
          e.preventDefault();
          choose(o);
        }}
      >
        {o.hit.kind === 'message' ? (
          <>
            <span class="search-snippet">
              <Marked h={o.hit.m.snippet} />
            </span>
            <span class="muted small">
              {o.hit.m.kind === 'note' ? 'Private note' : (o.hit.m.authorName ?? (o.hit.m.authorKind === 'visitor' ? 'Visitor' : o.hit.m.authorKind))} ·{' '}
              {new Date(o.hit.m.createdAt).toLocaleString()} · {o.hit.m.status}
            </span>
          </>
        ) : o.hit.kind === 'article' ? (
          <>
            <span class="search-snippet">
              <strong>
                <Marked h={o.hit.a.title} />
              </strong>
              {o.hit.a.snippet.text && ' — '}
              <Marked h={o.hit.a.snippet} />
            </span>
            <span class="muted small">
              {o.hit.a.state === 'published' ? 'Published' : 'Draft'} · {o.hit.a.locale} · {new Date(o.hit.a.updatedAt).toLocaleString()}
              {!editor && o.hit.a.state === 'published' && ' · opens the help centre in a new tab'}
            </span>
          </>
        ) : (
          <>
            <span class="search-snippet">{o.hit.c.name ? <Marked h={o.hit.c.name} /> : <Marked h={o.hit.c.email} />}</span>
            <span class="muted small">
              {[o.hit.c.name ? o.hit.c.email : null, o.hit.c.phone, o.hit.c.company]
                .filter((h): h is Highlighted => h !== null)
                .map((h, i) => (
                  <span key={h.text}>
                    {i > 0 && ' · '}
                    <Marked h={h} />
                  </span>
                ))}
            </span>
          </>
        )}
      </div>
    );
  };
  const messages = options.filter((o) => o.hit.kind === 'message');
  const contacts = options.filter((o) => o.hit.kind === 'contact');
  const articles = options.filter((o) => o.hit.kind === 'article');

  return (
    <dialog ref={ref} class="dialog search-dialog" aria-labelledby="search-title" onClose={onClose}>
      {/* Nothing inside while closed: its filters' labels and options would otherwise be in the page twice. */}
      {open && (
        <>
          <div class="dialog-head">
            <h2 id="search-title">Search</h2>
            <button class="btn btn-ghost btn-sm" type="button" onClick={onClose}>
              Close
            </button>
          </div>
          <input
            ref={input}
            class="input search-input"
            type="search"
            role="combobox"
            aria-label="Search messages and contacts"
            aria-expanded={options.length > 0}
            aria-controls="search-results"
            aria-autocomplete="list"
            aria-activedescendant={options[active] ? optionId(options[active]) : undefined}
            placeholder="Search messages, notes, contacts and articles"
            value={q}
            onInput={(e) => setQ((e.target as HTMLInputElement).value)}
            onKeyDown={onKey}
          />
          <fieldset class="search-filters">
            <legend class="sr-only">Filters</legend>
            <select aria-label="Status" value={filters.status ?? ''} onChange={set('status')}>
              <option value="">Any status</option>
              {['open', 'pending', 'snoozed', 'resolved'].map((s) => (
                <option key={s} value={s}>
                  {s[0]!.toUpperCase() + s.slice(1)}
                </option>
              ))}
            </select>
            <select aria-label="Inbox" value={filters.inboxId ?? ''} onChange={set('inboxId')}>
              <option value="">Any inbox</option>
              {places.inboxes.map((i) => (
                <option key={i.id} value={i.id}>
                  {i.name}
                </option>
              ))}
            </select>
            <select aria-label="Team" value={filters.teamId ?? ''} onChange={set('teamId')}>
              <option value="">Any team</option>
              {places.teams.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name}
                </option>
              ))}
            </select>
            <select aria-label="Label" value={filters.labelId ?? ''} onChange={set('labelId')}>
              <option value="">Any label</option>
              {Object.values(labels).map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name}
                </option>
              ))}
            </select>
            <select aria-label="Assigned operator" value={filters.operatorId ?? ''} onChange={set('operatorId')}>
              <option value="">Any operator</option>
              {Object.values(operators).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
            <label class="small">
              From <input type="date" value={filters.from ?? ''} onChange={set('from')} />
            </label>
            <label class="small">
              To <input type="date" value={filters.to ?? ''} onChange={set('to')} />
            </label>
          </fieldset>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
          <div role="status" class="sr-only">
            {result ? `${options.length} results` : ''}
          </div>
          <div id="search-results" role="listbox" aria-label="Results" class="search-results">
            <ResultGroup name="Messages">{messages.map(renderOption)}</ResultGroup>
            <ResultGroup name="Contacts">{contacts.map(renderOption)}</ResultGroup>
            <ResultGroup name="Articles">{articles.map(renderOption)}</ResultGroup>
          </div>
          {result && options.length === 0 && <p class="muted">Nothing found.</p>}
        </>
      )}
    </dialog>
  );
}

/** A titled group of options inside the results listbox; nothing when it has none. */
function ResultGroup({ name, children }: { name: string; children: ComponentChildren[] }) {
  if (children.length === 0) return null;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a group of options inside a listbox has no HTML element of its own
    <div role="group" aria-label={name} class="search-group">
      <div class="search-group-title" aria-hidden="true">
        {name}
      </div>
      {children}
    </div>
  );
}
