/** assign: to an operator, or back to Unassigned. */
import { useStore } from '../../store';
import { Field, invalidProps } from '../../ui/Field';
import { registerActionEditor } from '../action-editors';

registerActionEditor<{ operatorId: string | null }>('assign', {
  label: 'Assign',
  blank: () => ({ operatorId: null }),
  describe: (input, { operators }) => (input.operatorId ? `Assign to ${operators[input.operatorId]?.name ?? 'an operator'}` : 'Unassign'),
  Editor: function AssignEditor({ id, value, onChange, errors }) {
    const operators = useStore((s) => s.operators);
    return (
      <Field id={`${id}-operator`} label="Assign to" error={errors.operatorId}>
        <select
          {...invalidProps(`${id}-operator`, errors.operatorId)}
          value={value.operatorId ?? ''}
          onChange={(e) => onChange({ operatorId: e.currentTarget.value || null })}
        >
          <option value="">Nobody (Unassigned)</option>
          {Object.values(operators)
            .filter((o) => !o.disabled)
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
        </select>
      </Field>
    );
  },
});
