/** set_status: resolve, reopen or mark pending. */
import { Field, invalidProps } from '../../ui/Field';
import { registerActionEditor } from '../action-editors';

type Status = 'open' | 'pending' | 'resolved';
const WORDS: Record<Status, string> = { open: 'Reopen', pending: 'Mark as pending', resolved: 'Resolve' };

registerActionEditor<{ status: Status }>('set_status', {
  label: 'Set the status',
  blank: () => ({ status: 'resolved' }),
  describe: (input) => WORDS[input.status] ?? input.status,
  Editor: ({ id, value, onChange, errors }) => (
    <Field id={`${id}-status`} label="Status" error={errors.status}>
      <select {...invalidProps(`${id}-status`, errors.status)} value={value.status} onChange={(e) => onChange({ status: e.currentTarget.value as Status })}>
        <option value="open">Open</option>
        <option value="pending">Pending</option>
        <option value="resolved">Resolved</option>
      </select>
    </Field>
  ),
});
