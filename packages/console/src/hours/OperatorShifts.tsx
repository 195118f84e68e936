/**
 * Shifts of an operator in Settings → Operators (admins): pick the operator,
 * then a time zone, weekly intervals and exceptions (a date off, extra hours
 * on a date). Off shift an operator gets no new conversations and finishes
 * theirs. "Remove shifts": always on shift.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import type { Operator } from '../state';
import { FieldError, FormAlert, invalidProps } from '../ui/Field';
import { useForm } from '../ui/use-form';
import { browserZone, hoursApi, type ShiftException, type ShiftsAnswer, type WeeklyInterval, whenIn } from './hours-api';
import { WeekEditor, ZoneField } from './WeekEditor';

const fieldOf = (path: string): string => path;
const DAY_SHIFT: WeeklyInterval[] = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));

function shiftState(a: ShiftsAnswer): string {
  if (!a.shifts) return 'No shifts: always on shift';
  const zone = a.shifts.timeZone;
  if (a.nextChangeAt === null) return a.onShift ? 'On shift' : 'Off shift';
  return a.onShift ? `On shift, until ${whenIn(a.nextChangeAt, zone)} (${zone})` : `Off shift, next shift ${whenIn(a.nextChangeAt, zone)} (${zone})`;
}

export function OperatorShifts({ operators }: { operators: Operator[] }) {
  const [operatorId, setOperatorId] = useState('');
  const id = useId();
  const chosen = operators.find((o) => o.id === operatorId);
  return (
    <section class="subform" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Shifts</h3>
      <p class="muted small">Off shift, an operator gets no new conversations; they finish the ones they have.</p>
      <div class="field">
        <label for={`${id}-who`}>Operator</label>
        <select id={`${id}-who`} value={operatorId} onChange={(e) => setOperatorId(e.currentTarget.value)}>
          <option value="">Choose an operator</option>
          {operators
            .filter((o) => !o.disabled)
            .map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
        </select>
      </div>
      {chosen && <ShiftEditor key={chosen.id} operator={chosen} />}
    </section>
  );
}

function ShiftEditor({ operator }: { operator: Operator }) {
  const [answer, setAnswer] = useState<ShiftsAnswer | null>(null);
  const [timeZone, setTimeZone] = useState(browserZone());
  const [weekly, setWeekly] = useState<WeeklyInterval[]>(DAY_SHIFT);
  const [exceptions, setExceptions] = useState<ShiftException[]>([]);
  const form = useForm(fieldOf);
  const id = useId();

  function show(a: ShiftsAnswer) {
    setAnswer(a);
    if (!a.shifts) return;
    setTimeZone(a.shifts.timeZone);
    setWeekly(a.shifts.weekly);
    setExceptions(a.shifts.exceptions);
  }

  useEffect(() => {
    hoursApi.shifts(operator.id).then(show, () => {});
  }, [operator.id]);

  function save(e: Event) {
    e.preventDefault();
    void form.run(async () => show(await hoursApi.setShifts(operator.id, { timeZone, weekly, exceptions })));
  }

  function clear() {
    void form.run(async () => {
      await hoursApi.clearShifts(operator.id);
      setAnswer({ shifts: null, onShift: true, nextChangeAt: null });
    });
  }

  const err = form.errors.fields;
  const set = (n: number, patch: Partial<ShiftException>) => setExceptions((list) => list.map((x, k) => (k === n ? { ...x, ...patch } : x)));
  return (
    <form onSubmit={save} ref={form.ref} aria-label={`Shifts of ${operator.name}`}>
      <p class="muted small" role="status">
        {answer ? shiftState(answer) : 'Loading…'}
      </p>
      <ZoneField label={`Time zone of ${operator.name}`} value={timeZone} error={err.timeZone} onChange={setTimeZone} />
      <WeekEditor of={operator.name} weekly={weekly} errors={err} onChange={setWeekly} />
      <fieldset class="week-editor">
        <legend>Exceptions</legend>
        {exceptions.map((x, n) => {
          const extra = x.intervals[0];
          const error = err[`exceptions.${n}.date`] ?? err[`exceptions.${n}.intervals.0`] ?? err[`exceptions.${n}.intervals.0.end`];
          return (
            <div key={n} class="form-inline">
              <label for={`${id}-d${n}`}>Date</label>
              <input {...invalidProps(`${id}-d${n}`, error)} type="date" required value={x.date} onInput={(e) => set(n, { date: e.currentTarget.value })} />
              <label>
                <input type="checkbox" checked={x.off} onChange={(e) => set(n, { off: e.currentTarget.checked })} /> Day off
              </label>
              <label for={`${id}-s${n}`}>Extra from</label>
              <input
                id={`${id}-s${n}`}
                type="time"
                value={extra?.start ?? ''}
                onInput={(e) => set(n, { intervals: e.currentTarget.value ? [{ start: e.currentTarget.value, end: extra?.end ?? '' }] : [] })}
              />
              <label for={`${id}-e${n}`}>until</label>
              <input
                id={`${id}-e${n}`}
                type="time"
                value={extra?.end ?? ''}
                disabled={!extra}
                onInput={(e) => extra && set(n, { intervals: [{ start: extra.start, end: e.currentTarget.value }] })}
              />
              <button type="button" class="btn btn-ghost btn-sm" onClick={() => setExceptions((list) => list.filter((_, k) => k !== n))}>
                Remove exception {x.date}
              </button>
              <FieldError id={`${id}-d${n}`} error={error} />
            </div>
          );
        })}
        <button type="button" class="btn btn-sm" onClick={() => setExceptions((list) => [...list, { date: '', off: true, intervals: [] }])}>
          Add exception
        </button>
      </fieldset>
      <div class="form-inline">
        <button type="submit" class="btn btn-sm" disabled={form.busy}>
          Save shifts
        </button>
        {answer?.shifts && (
          <button type="button" class="btn btn-ghost btn-sm" onClick={clear} disabled={form.busy}>
            Remove shifts (always on shift)
          </button>
        )}
      </div>
      <FormAlert message={form.errors.form} />
    </form>
  );
}
