/** A contact's labels as chips (each removable) and "Add label", the workspace's labels to tick, as on conversations. */
import type { ContactDetailDto } from '@switchboard/protocol';
import { useState } from 'preact/hooks';
import { messageOf } from '../api';
import { dispatch, useStore } from '../store';
import { LabelChip } from '../ui/LabelChip';
import { LabelPicker } from '../ui/LabelPicker';
import { contactApi } from './contact-api';

export function ContactLabels({ contact, onChange }: { contact: ContactDetailDto; onChange: (c: ContactDetailDto) => void }) {
  const labels = useStore((s) => s.labels);
  const [open, setOpen] = useState(false);
  const change = async (c: { add?: string[]; remove?: string[] }) => {
    try {
      onChange(await contactApi.setLabels(contact.id, c));
      return true;
    } catch (err) {
      dispatch({ type: 'notice', message: messageOf(err) });
      return false;
    }
  };
  const shown = contact.labels.flatMap((id) => (labels[id] ? [labels[id]] : []));
  return (
    <div class="contact-labels">
      {shown.map((l) => (
        <LabelChip key={l.id} label={l} onRemove={() => void change({ remove: [l.id] })} />
      ))}
      <LabelPicker selected={contact.labels} onChange={change} panelName="Contact labels" open={open} onOpen={setOpen} />
    </div>
  );
}
