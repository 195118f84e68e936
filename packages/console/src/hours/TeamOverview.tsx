/**
 * The Team overview (a region of the Team page): per team, open or closed and
 * until when, who is on shift now with their status (live from presence
 * frames), and who is next, by their next shift start. Asked again on every
 * `schedule` frame (a team opened or closed, a shift started or ended, a
 * schedule was saved) and after each reconnect: no timer.
 */
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { onServerFrame } from '../realtime/connection';
import { useStore } from '../store';
import { FormAlert } from '../ui/Field';
import { hoursApi, type TeamOverviewItem } from './hours-api';
import { hoursState } from './TeamHours';

const at = (ms: number) => new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);

export function TeamOverview() {
  const [teams, setTeams] = useState<TeamOverviewItem[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const operators = useStore((s) => s.operators);

  useEffect(() => {
    const load = () =>
      hoursApi.overview().then(
        (r) => {
          setTeams(r.teams);
          setError(null);
        },
        (err) => setError(messageOf(err)),
      );
    void load();
    return onServerFrame((f) => {
      if (f.type === 'schedule' || f.type === 'welcome') void load();
    });
  }, []);

  const name = (id: string) => operators[id]?.name ?? 'An operator';
  const status = (id: string) => operators[id]?.status ?? 'offline';
  return (
    <section class="card team-overview" aria-label="Team overview">
      <h2>Team overview</h2>
      <FormAlert message={error} />
      {teams === null && !error && <p class="muted">Loading…</p>}
      {teams?.length === 0 && <p class="muted">No teams yet.</p>}
      {teams?.map((t) => (
        <article key={t.id} class="overview-team" aria-labelledby={`ov-${t.id}`}>
          <h3 id={`ov-${t.id}`}>{t.name}</h3>
          <p class="muted small">{hoursState(t.hours, t.hours?.timeZone ?? null)}</p>
          <h4 class="small">On shift now</h4>
          {t.onShift.length === 0 ? (
            <p class="muted small">Nobody</p>
          ) : (
            <ul class="overview-list" aria-label={`On shift now in ${t.name}`}>
              {t.onShift.map((o) => (
                <li key={o.operatorId}>
                  <span class={`presence presence-${status(o.operatorId)}`}>
                    <span class="dot" aria-hidden="true" />
                    {name(o.operatorId)} · {status(o.operatorId)}
                  </span>
                  {o.until !== null && <span class="muted small"> until {at(o.until)}</span>}
                </li>
              ))}
            </ul>
          )}
          <h4 class="small">Next</h4>
          {t.next.length === 0 ? (
            <p class="muted small">Nobody scheduled</p>
          ) : (
            <ul class="overview-list" aria-label={`Next in ${t.name}`}>
              {t.next.map((o) => (
                <li key={o.operatorId}>
                  {name(o.operatorId)} <span class="muted small">from {at(o.at)}</span>
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </section>
  );
}
