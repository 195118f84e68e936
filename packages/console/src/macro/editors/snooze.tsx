/** snooze: for a while from when the macro runs, or until the visitor replies. */
import { Field, invalidProps } from '../../ui/Field';
import { registerActionEditor } from '../action-editors';

const CHOICES: { minutes: number | null; words: string }[] = [
  { minutes: 60, words: 'For one hour' },
  { minutes: 4 * 60, words: 'For four hours' },
  { minutes: 24 * 60, words: 'For a day' },
  { minutes: 3 * 24 * 60, words: 'For three days' },
  { minutes: 7 * 24 * 60, words: 'For a week' },
  { minutes: null, words: 'Until the visitor replies' },
];

const wordsOf = (minutes: number | null) => CHOICES.find((c) => c.minutes === minutes)?.words ?? `For ${minutes} minutes`;

registerActionEditor<{ minutes: number | null }>('snooze', {
  label: 'Snooze',
  blank: () => ({ minutes: 24 * 60 }),
  describe: (input) => `Snooze ${wordsOf(input.minutes).toLowerCase()}`,
  Editor: ({ id, value, onChange, errors }) => (
    <Field id={`${id}-snooze`} label="Snooze" error={errors.minutes}>
      <select
        {...invalidProps(`${id}-snooze`, errors.minutes)}
        value={value.minutes === null ? '' : String(value.minutes)}
        onChange={(e) => onChange({ minutes: e.currentTarget.value ? Number(e.currentTarget.value) : null })}
      >
        {CHOICES.map((c) => (
          <option key={c.words} value={c.minutes === null ? '' : String(c.minutes)}>
            {c.words}
          </option>
        ))}
      </select>
    </Field>
  ),
});
