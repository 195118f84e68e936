/**
 * A team's business hours in Settings → Teams (admins): a time zone, weekly
 * intervals (several a day: 09:00–12:00 and 13:00–17:30), holidays. Outside
 * them the widget of the team's inbox offers its offline form and says when
 * the team is back. "Remove hours": always open.
 */
import { useEffect, useId, useState } from 'preact/hooks';
import { FieldError, FormAlert, invalidProps } from '../ui/Field';
import { useForm } from '../ui/use-form';
import { browserZone, type Holiday, hoursApi, type TeamHoursAnswer, type WeeklyInterval, whenIn } from './hours-api';
import { WeekEditor, ZoneField } from './WeekEditor';

const fieldOf = (path: string): string => path;
const OFFICE: WeeklyInterval[] = [1, 2, 3, 4, 5].map((day) => ({ day, start: '09:00', end: '17:00' }));

export function hoursState(a: { open: boolean; nextChangeAt: number | null } | null, timeZone: string | null): string {
  if (!a || !timeZone) return 'No business hours: always open';
  if (a.nextChangeAt === null) return a.open ? 'Open' : 'Closed';
  return a.open ? `Open now, until ${whenIn(a.nextChangeAt, timeZone)} (${timeZone})` : `Closed now, back ${whenIn(a.nextChangeAt, timeZone)} (${timeZone})`;
}

export function TeamHours({ team }: { team: { id: string; name: string } }) {
  const [answer, setAnswer] = useState<TeamHoursAnswer | null>(null);
  const [timeZone, setTimeZone] = useState(browserZone());
  const [weekly, setWeekly] = useState<WeeklyInterval[]>(OFFICE);
  const [holidays, setHolidays] = useState<Holiday[]>([]);
  const form = useForm(fieldOf);
  const id = useId();

  function show(a: TeamHoursAnswer) {
    setAnswer(a);
    if (!a.hours) return;
    setTimeZone(a.hours.timeZone);
    setWeekly(a.hours.weekly);
    setHolidays(a.hours.holidays);
  }

  useEffect(() => {
    hoursApi.teamHours(team.id).then(show, () => {});
  }, [team.id]);

  function save(e: Event) {
    e.preventDefault();
    void form.run(async () => show(await hoursApi.setTeamHours(team.id, { timeZone, weekly, holidays })));
  }

  function clear() {
    void form.run(async () => {
      await hoursApi.clearTeamHours(team.id);
      setAnswer({ hours: null, open: true, nextChangeAt: null });
    });
  }

  const err = form.errors.fields;
  const setHoliday = (n: number, patch: Partial<Holiday>) => setHolidays((list) => list.map((h, k) => (k === n ? { ...h, ...patch } : h)));
  return (
    <form class="team-hours" aria-labelledby={`${id}-title`} onSubmit={save} ref={form.ref}>
      <h4 id={`${id}-title`} class="small">
        Business hours of {team.name}
      </h4>
      <p class="muted small" role="status">
        {answer ? hoursState(answer.hours ? answer : null, answer.hours?.timeZone ?? null) : 'Loading…'}
      </p>
      <ZoneField label={`Time zone of ${team.name}`} value={timeZone} error={err.timeZone} onChange={setTimeZone} />
      <WeekEditor of={team.name} weekly={weekly} errors={err} onChange={setWeekly} />
      <fieldset class="week-editor">
        <legend>Holidays of {team.name}</legend>
        {holidays.map((h, n) => (
          <div key={n} class="form-inline">
            <label for={`${id}-h${n}`}>Date</label>
            <input
              {...invalidProps(`${id}-h${n}`, err[`holidays.${n}.date`])}
              type="date"
              required
              value={h.date}
              onInput={(e) => setHoliday(n, { date: e.currentTarget.value })}
            />
            <label for={`${id}-hn${n}`}>Name</label>
            <input id={`${id}-hn${n}`} maxLength={100} value={h.name ?? ''} onInput={(e) => setHoliday(n, { name: e.currentTarget.value || null })} />
            <button type="button" class="btn btn-ghost btn-sm" onClick={() => setHolidays((list) => list.filter((_, k) => k !== n))}>
              Remove holiday {h.date}
            </button>
            <FieldError id={`${id}-h${n}`} error={err[`holidays.${n}.date`]} />
          </div>
        ))}
        <button type="button" class="btn btn-sm" onClick={() => setHolidays((list) => [...list, { date: '', name: null }])}>
          Add holiday
        </button>
      </fieldset>
      <div class="form-inline">
        <button type="submit" class="btn btn-sm" disabled={form.busy}>
          Save hours
        </button>
        {answer?.hours && (
          <button type="button" class="btn btn-ghost btn-sm" onClick={clear} disabled={form.busy}>
            Remove hours (always open)
          </button>
        )}
      </div>
      <FormAlert message={form.errors.form ?? leftover(err)} />
    </form>
  );
}

/** Refusals of fields the form does not show on their own (the whole week). */
function leftover(fields: Record<string, string>): string | null {
  const rest = Object.entries(fields).filter(([k]) => !/^(timeZone|weekly\.\d+(\.start|\.end)?|holidays\.\d+\.date)$/.test(k));
  return rest.length ? rest.map(([, v]) => v).join(' ') : null;
}
