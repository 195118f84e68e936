/** add_note: a private note for the team; @Name mentions an operator. */
import { Field, invalidProps } from '../../ui/Field';
import { registerActionEditor } from '../action-editors';

registerActionEditor<{ body: string }>('add_note', {
  label: 'Add a private note',
  blank: () => ({ body: '' }),
  describe: (input) => `Note “${input.body.length > 60 ? `${input.body.slice(0, 59)}…` : input.body}”`,
  Editor: ({ id, value, onChange, errors }) => (
    <Field id={`${id}-note`} label="Private note" error={errors.body}>
      <textarea
        {...invalidProps(`${id}-note`, errors.body, `${id}-note-hint`)}
        rows={3}
        value={value.body}
        onInput={(e) => onChange({ body: e.currentTarget.value })}
      />
      <span id={`${id}-note-hint`} class="muted small">
        Only operators see it; @Name mentions a colleague.
      </span>
    </Field>
  ),
});
