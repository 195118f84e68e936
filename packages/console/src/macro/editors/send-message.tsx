/** send_message: the text, with variables such as {{contact.first_name | there}}. */
import { VARIABLES } from '@switchboard/text';
import { Field, invalidProps } from '../../ui/Field';
import { registerActionEditor } from '../action-editors';

registerActionEditor<{ body: string }>('send_message', {
  label: 'Send a message',
  blank: () => ({ body: '' }),
  describe: (input) => `Send “${input.body.length > 60 ? `${input.body.slice(0, 59)}…` : input.body}”`,
  Editor: ({ id, value, onChange, errors }) => (
    <Field id={`${id}-body`} label="Message" error={errors.body}>
      <textarea
        {...invalidProps(`${id}-body`, errors.body, `${id}-body-hint`)}
        rows={3}
        value={value.body}
        onInput={(e) => onChange({ body: e.currentTarget.value })}
      />
      <span id={`${id}-body-hint`} class="muted small">
        Variables: {VARIABLES.map((v) => `{{${v}}}`).join(', ')}; a fallback fills an empty one: {'{{contact.first_name | there}}'}
      </span>
    </Field>
  ),
});
