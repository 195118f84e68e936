/** A contact's labels as chips (each removable) and "Add label", the workspace's labels to tick, as on conversations. */
import type { ContactDetailDto } from '@switchboard/protocol';
import { useMemo, useState } from 'preact/hooks';
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
  const change = async (c: { add?: string[]; remove?: string[] }) => {
    try {
      onChange(await contactApi.setLabels(contact.id, c));
    } catch (err) {
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
                const on = contact.labels.includes(l.id);
                return (
                  <li key={l.id}>
                    <label class="pick">
                      <input type="checkbox" checked={on} onChange={() => void change(on ? { remove: [l.id] } : { add: [l.id] })} />
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
