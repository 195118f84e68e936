/**
 * "Add label": the workspace's labels to tick on a conversation or a contact,
 * with a filter. What was just ticked shows at once while it is stored; the
 * owner's own labels take over when they change (or when the change failed).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { useStore } from '../store';
import { Icon } from './icons';
import { Popover } from './Popover';

export interface LabelPickerProps {
  /** The label ids the conversation or contact has now. */
  selected: string[];
  /** Stores a change; resolves false when it was refused. */
  onChange: (change: { add?: string[]; remove?: string[] }) => Promise<boolean>;
  /** The panel's accessible name ("Labels", "Contact labels"). */
  panelName: string;
  open: boolean;
  onOpen: (open: boolean) => void;
  /** A tag icon (its name still "Add label") where room is short: the conversation header. */
  compact?: boolean;
}

export function LabelPicker({ selected, onChange, panelName, open, onOpen, compact }: LabelPickerProps) {
  const labels = useStore((s) => s.labels);
  const list = useMemo(() => Object.values(labels).sort((a, b) => a.name.localeCompare(b.name)), [labels]);
  const [filter, setFilter] = useState('');
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  useEffect(() => setTicked({}), [selected]);
  const shown = list.filter((l) => l.name.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <Popover
      label={compact ? <Icon name="tag" /> : 'Add label'}
      name={compact ? 'Add label' : undefined}
      open={open}
      onOpen={onOpen}
      panelName={panelName}
      class={compact ? 'btn-ghost icon-btn' : 'btn-ghost'}
    >
      {list.length === 0 ? (
        <p class="muted small">No labels yet. Admins create them in Settings → Labels.</p>
      ) : (
        <>
          <label class="field">
            <span class="sr-only">Find a label</span>
            <input placeholder="Find a label" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
          </label>
          <ul class="pick-list">
            {shown.map((l) => {
              const on = ticked[l.id] ?? selected.includes(l.id);
              const toggle = () => {
                setTicked((t) => ({ ...t, [l.id]: !on }));
                void onChange(on ? { remove: [l.id] } : { add: [l.id] }).then((ok) => ok || setTicked({}));
              };
              return (
                <li key={l.id}>
                  <label class="pick">
                    <input type="checkbox" checked={on} onChange={toggle} />
                    <span class="label-dot" style={{ background: l.color }} aria-hidden="true" />
                    {l.name}
                  </label>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Popover>
  );
}
