/** A contact's labels as chips (each removable) and "Add label", the workspace's labels to tick, as on conversations. */
import type { ContactDetailDto } from '@switchboard/protocol';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { dispatch, useStore } from '../store';
import { LabelChip } from '../ui/LabelChip';
import { Popover } from '../ui/Popover';
import { contactApi } from './contact-api';

export function ContactLabels({ contact, onChange }: { contact: ContactDetailDto; onChange: (c: ContactDetailDto) => void }) {
  const labels = useStore((s) => s.labels);
  const list = useMemo(() => Object.values(labels).sort((a, b) => a.name.localeCompare(b.name)), [labels]);
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  // What was just ticked shows at once while it is stored; the contact's own labels take over when they change.
  const [ticked, setTicked] = useState<Record<string, boolean>>({});
  useEffect(() => setTicked({}), [contact.labels]);
  const change = async (c: { add?: string[]; remove?: string[] }) => {
    try {
      onChange(await contactApi.setLabels(contact.id, c));
    } catch (err) {
      setTicked({});
      dispatch({ type: 'notice', message: messageOf(err) });
    }
  };
  const shown = contact.labels.flatMap((id) => (labels[id] ? [labels[id]] : []));
  const found = list.filter((l) => l.name.toLowerCase().includes(filter.trim().toLowerCase()));
  return (
    <div class="contact-labels">
      {shown.map((l) => (
        <LabelChip key={l.id} label={l} onRemove={() => void change({ remove: [l.id] })} />
      ))}
      <Popover label="Add label" open={open} onOpen={setOpen} panelName="Contact labels" class="btn-ghost">
        {list.length === 0 ? (
          <p class="muted small">No labels yet. Admins create them in Settings → Labels.</p>
        ) : (
          <>
            <label class="field">
              <span class="sr-only">Find a label</span>
              <input placeholder="Find a label" value={filter} onInput={(e) => setFilter(e.currentTarget.value)} />
            </label>
            <ul class="pick-list">
              {found.map((l) => {
                const on = ticked[l.id] ?? contact.labels.includes(l.id);
                const toggle = () => {
                  setTicked((t) => ({ ...t, [l.id]: !on }));
                  void change(on ? { remove: [l.id] } : { add: [l.id] });
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
    </div>
  );
}
