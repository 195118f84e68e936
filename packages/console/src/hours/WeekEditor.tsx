/**
 * A week of intervals and a time zone, edited as rows (weekday, from, until),
 * shared by a team's hours and an operator's shifts. Each refused field is
 * said next to it (the server's paths: `weekly.2.end`, `timeZone`).
 */
import { useId } from 'preact/hooks';
import { FieldError, invalidProps } from '../ui/Field';
import { WEEKDAYS, type WeeklyInterval } from './hours-api';

const ZONES: string[] = (() => {
  try {
    return (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    return [];
  }
})();

export function ZoneField(props: { label: string; value: string; error: string | undefined; onChange: (zone: string) => void }) {
  const id = useId();
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        {...invalidProps(id, props.error)}
        list={`${id}-zones`}
        required
        value={props.value}
        onInput={(e) => props.onChange(e.currentTarget.value.trim())}
      />
      <datalist id={`${id}-zones`}>
        {ZONES.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <FieldError id={id} error={props.error} />
    </div>
  );
}

export function WeekEditor(props: {
  /** Whose week: "Support" or "Olivia", in the labels. */
  of: string;
  weekly: WeeklyInterval[];
  errors: Record<string, string>;
  onChange: (weekly: WeeklyInterval[]) => void;
}) {
  const id = useId();
  const set = (n: number, patch: Partial<WeeklyInterval>) => props.onChange(props.weekly.map((w, k) => (k === n ? { ...w, ...patch } : w)));
  const last = props.weekly.at(-1);
  return (
    <fieldset class="week-editor">
      <legend>Weekly intervals of {props.of}</legend>
      {props.weekly.length === 0 && <p class="muted small">No intervals.</p>}
      {props.weekly.map((w, n) => {
        const error = props.errors[`weekly.${n}`] ?? props.errors[`weekly.${n}.start`] ?? props.errors[`weekly.${n}.end`];
        const row = `${id}-${n}`;
        return (
          <div key={n} class="week-row form-inline">
            <label for={`${row}-day`} class="sr-only">
              Day of interval {n + 1}
            </label>
            <select id={`${row}-day`} value={w.day} onChange={(e) => set(n, { day: Number(e.currentTarget.value) })}>
              {WEEKDAYS.map((d, k) => (
                <option key={d} value={k + 1}>
                  {d}
                </option>
              ))}
            </select>
            <label for={`${row}-start`}>From</label>
            <input {...invalidProps(`${row}-start`, error)} type="time" required value={w.start} onInput={(e) => set(n, { start: e.currentTarget.value })} />
            <label for={`${row}-end`}>Until</label>
            <input
              id={`${row}-end`}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${row}-start-error` : undefined}
              type="text"
              inputMode="numeric"
              pattern="[0-2][0-9]:[0-5][0-9]"
              size={5}
              title="HH:MM, up to 24:00"
              required
              value={w.end}
              onInput={(e) => set(n, { end: e.currentTarget.value })}
            />
            <button type="button" class="btn btn-ghost btn-sm" onClick={() => props.onChange(props.weekly.filter((_, k) => k !== n))}>
              Remove interval {n + 1}
            </button>
            <FieldError id={`${row}-start`} error={error} />
          </div>
        );
      })}
      <button
        type="button"
        class="btn btn-sm"
        onClick={() => props.onChange([...props.weekly, { day: last ? (last.day % 7) + 1 : 1, start: last?.start ?? '09:00', end: last?.end ?? '17:00' }])}
      >
        Add interval
      </button>
      <p class="muted small">An overnight stretch is two intervals: until 24:00, then from 00:00 the next day.</p>
    </fieldset>
  );
}
