/** add_labels and remove_labels: the workspace's labels, ticked. */
import { LabelChip } from '../../ui/LabelChip';
import { store, useStore } from '../../store';
import { registerActionEditor } from '../action-editors';

type Input = { labelIds: string[] };

const names = (ids: string[]) => ids.map((id) => store.get().labels[id]?.name ?? 'a deleted label').join(', ');

function LabelsEditor({
  id,
  value,
  onChange,
  errors,
  legend,
}: {
  id: string;
  value: Input;
  onChange: (v: Input) => void;
  errors: Record<string, string>;
  legend: string;
}) {
  const labels = useStore((s) => s.labels);
  const error = errors.labelIds;
  const all = Object.values(labels).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <fieldset class="field" aria-describedby={error ? `${id}-labels-error` : undefined}>
      <legend>{legend}</legend>
      {all.length === 0 && <p class="muted small">No labels yet: an admin creates them in Settings → Labels.</p>}
      {all.map((l) => (
        <label key={l.id} class="pick">
          <input
            type="checkbox"
            checked={value.labelIds.includes(l.id)}
            onChange={(e) => onChange({ labelIds: e.currentTarget.checked ? [...value.labelIds, l.id] : value.labelIds.filter((x) => x !== l.id) })}
          />
          <LabelChip label={l} />
        </label>
      ))}
      {error && (
        <p class="field-error" id={`${id}-labels-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

registerActionEditor<Input>('add_labels', {
  label: 'Add labels',
  blank: () => ({ labelIds: [] }),
  describe: (input) => `Add ${names(input.labelIds)}`,
  Editor: (props) => <LabelsEditor {...props} legend="Labels to add" />,
});

registerActionEditor<Input>('remove_labels', {
  label: 'Remove labels',
  blank: () => ({ labelIds: [] }),
  describe: (input) => `Remove ${names(input.labelIds)}`,
  Editor: (props) => <LabelsEditor {...props} legend="Labels to remove" />,
});
