import { mentionQuery } from '@switchboard/text';
import type { RefObject } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import { useStore } from '../store';

const MAX_OPTIONS = 8;

interface Options {
  id: string;
  enabled: boolean;
  text: string;
  input: RefObject<HTMLTextAreaElement>;
  /** Replaces the text (the chosen `@Name ` put in) and puts the caret after it. */
  onPick: (text: string, caret: number) => void;
}

/**
 * The `@` picker of a private note: typing `@` and the start of a name lists
 * the operators it fits, a listbox the keyboard drives from the text box (↑ ↓
 * move, Enter or Tab picks, Esc closes), as the ARIA combobox pattern does.
 */
export function useMentionPicker({ id, enabled, text, input, onPick }: Options) {
  const operators = useStore((s) => s.operators);
  const meId = useStore((s) => s.me?.id ?? null);
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  const [closedAt, setClosedAt] = useState<number | null>(null);
  const query = enabled ? mentionQuery(text, caret) : null;
  const options = useMemo(() => {
    if (!query) return [];
    const q = query.query.toLowerCase();
    return Object.values(operators)
      .filter((o) => !o.disabled && o.id !== meId)
      .filter(
        (o) =>
          o.name.toLowerCase().startsWith(q) ||
          o.name
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.startsWith(q)),
      )
      .sort((a, b) => a.name.localeCompare(b.name))
      .slice(0, MAX_OPTIONS);
  }, [operators, meId, query?.query, query]);
  const open = !!query && options.length > 0 && closedAt !== query.start;
  const current = Math.min(active, options.length - 1);
  const listId = `mentions-${id}`;
  const optionId = (i: number) => `${listId}-${i}`;

  const pick = (i: number) => {
    const who = options[i];
    if (!query || !who) return;
    const inserted = `@${who.name} `;
    const after = query.start + inserted.length;
    onPick(text.slice(0, query.start) + inserted + text.slice(caret), after);
    setCaret(after);
    // Picked: this @ is done (typing on after the name must not open the list again).
    setClosedAt(query.start);
    setActive(0);
  };

  /** Handles the key when the list is open; returns true when it did. */
  const onKeyDown = (e: KeyboardEvent): boolean => {
    if (!open) return false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((current + step + options.length) % options.length);
    } else if ((e.key === 'Enter' && !e.shiftKey) || e.key === 'Tab') pick(current);
    else if (e.key === 'Escape') {
      setClosedAt(query?.start ?? null);
      e.stopPropagation();
    } else return false;
    e.preventDefault();
    return true;
  };

  const track = () => {
    const el = input.current;
    if (!el) return;
    setCaret(el.selectionStart ?? el.value.length);
    setActive(0);
    // A new @ opens the list again.
    if (closedAt !== null && mentionQuery(el.value, el.selectionStart ?? 0)?.start !== closedAt) setClosedAt(null);
  };

  const inputProps = {
    'aria-controls': open ? listId : undefined,
    'aria-activedescendant': open ? optionId(current) : undefined,
    'aria-autocomplete': 'list' as const,
  };

  const list = open ? (
    <div class="mention-list" role="listbox" id={listId} aria-label="Operators to mention">
      {options.map((o, i) => (
        <div
          key={o.id}
          id={optionId(i)}
          role="option"
          tabIndex={-1}
          aria-selected={i === current}
          class={i === current ? 'active' : undefined}
          // On press, not click: the focus stays in the text box, where the keyboard drives the list.
          onMouseDown={(e) => {
            e.preventDefault();
            pick(i);
          }}
        >
          <span class="avatar" aria-hidden="true">
            {o.name.slice(0, 1).toUpperCase()}
          </span>
          {o.name}
        </div>
      ))}
    </div>
  ) : null;

  return { open, onKeyDown, track, inputProps, list };
}
