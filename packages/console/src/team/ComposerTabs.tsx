import { useEffect, useState } from 'preact/hooks';

export type ComposerMode = 'reply' | 'note';

/** The tab each chat's composer was on, kept while switching chats. */
const modes = new Map<string, ComposerMode>();
const listeners = new Set<() => void>();

/** Alt+N (ui/keyboard.ts): the composer on screen switches between Reply and Private note. */
export function toggleNoteMode(id: string): void {
  modes.set(id, modes.get(id) === 'note' ? 'reply' : 'note');
  for (const l of listeners) l();
}

export function useComposerMode(id: string): [ComposerMode, (m: ComposerMode) => void] {
  const [mode, setMode] = useState<ComposerMode>(modes.get(id) ?? 'reply');
  useEffect(() => {
    setMode(modes.get(id) ?? 'reply');
    const l = () => setMode(modes.get(id) ?? 'reply');
    listeners.add(l);
    return () => void listeners.delete(l);
  }, [id]);
  const set = (m: ComposerMode) => {
    modes.set(id, m);
    for (const l of listeners) l();
  };
  return [mode, set];
}

const TABS: { mode: ComposerMode; label: string }[] = [
  { mode: 'reply', label: 'Reply' },
  { mode: 'note', label: 'Private note' },
];

/** "Reply" goes to the visitor; "Private note" stays with the team. Arrow keys move between the tabs. */
export function ComposerTabs({ id, mode, onMode }: { id: string; mode: ComposerMode; onMode: (m: ComposerMode) => void }) {
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    e.preventDefault();
    const next = mode === 'reply' ? 'note' : 'reply';
    onMode(next);
    document.getElementById(`tab-${next}-${id}`)?.focus();
  };
  return (
    <div class="composer-tabs" role="tablist" aria-label="Write a">
      {TABS.map((t) => (
        <button
          key={t.mode}
          type="button"
          role="tab"
          id={`tab-${t.mode}-${id}`}
          class={`composer-tab composer-tab-${t.mode}`}
          aria-selected={mode === t.mode}
          aria-controls={`compose-${id}`}
          tabIndex={mode === t.mode ? 0 : -1}
          title={t.mode === 'note' ? 'Only operators see it (Alt+N)' : 'Goes to the visitor (Alt+N)'}
          onClick={() => onMode(t.mode)}
          onKeyDown={onKeyDown}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
