/**
 * The supervision wall (supervisors, owners and admins; #/team above the Team
 * overview): per team the queue's length and oldest wait, each operator's
 * status, load (open / capacity) and shift, and the conversations that need a
 * look (souring mood). Live: asked again on every summary, presence and
 * schedule frame (one request at a time, no polling timer); statuses come
 * from the console's own presence state.
 */
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { visitorName } from '../inbox/conversations';
import { SlaMark } from '../sla/SlaMark';
import { ConversationMood } from '../mood/MoodMark';
import { onServerFrame } from '../realtime/connection';
import { hrefOf } from '../router';
import { useStore } from '../store';
import { FormAlert } from '../ui/Field';
import { liveLoader } from './live-load';
import { wallApi, type WallOperator, type WallTeam } from './wall-api';

const LIVE = new Set(['conversation', 'presence', 'schedule', 'welcome', 'access']);
const clock = (ms: number) => new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(ms);

function waited(since: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - since) / 60_000));
  return minutes < 1 ? 'under a minute' : minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function SupervisionWall() {
  const [teams, setTeams] = useState<WallTeam[] | null>(null);
  const [filter, setFilter] = useState<string>('');
  const [options, setOptions] = useState<{ id: string; name: string }[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const refresh = liveLoader(() =>
      wallApi.wall(filter || null).then(
        (r) => {
          setTeams(r.teams);
          if (!filter) setOptions(r.teams.map((t) => ({ id: t.id, name: t.name })));
          setError(null);
        },
        (err) => setError(messageOf(err)),
      ),
    );
    refresh();
    return onServerFrame((f) => {
      if (LIVE.has(f.type)) refresh();
    });
  }, [filter]);

  const now = Date.now();
  return (
    <section class="card wall" aria-label="Supervision wall">
      <div class="wall-head">
        <h2>Supervision wall</h2>
        <label class="wall-filter">
          Team{' '}
          <select value={filter} onChange={(e) => setFilter((e.target as HTMLSelectElement).value)}>
            <option value="">All my teams</option>
            {options.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FormAlert message={error} />
      {teams === null && !error && <p class="muted">Loading…</p>}
      {teams?.length === 0 && <p class="muted">No teams to supervise.</p>}
      {teams?.map((t) => (
        <WallTeamCard key={t.id} team={t} now={now} />
      ))}
    </section>
  );
}

function WallTeamCard({ team: t, now }: { team: WallTeam; now: number }) {
  const statuses = useStore((s) => s.operators);
  const status = (o: WallOperator) => statuses[o.id]?.status ?? o.status;
  return (
    <article class="wall-team" aria-labelledby={`wall-${t.id}`} data-team-id={t.id}>
      <h3 id={`wall-${t.id}`}>{t.name}</h3>
      <dl class="wall-queue">
        <div>
          <dt>In queue</dt>
          <dd data-queue-length="">{t.queue.length}</dd>
        </div>
        <div>
          <dt>Oldest wait</dt>
          <dd data-oldest-wait="">
            {t.queue.oldestQueuedAt === null ? 'Nobody waiting' : `${waited(t.queue.oldestQueuedAt, now)} (since ${clock(t.queue.oldestQueuedAt)})`}
          </dd>
        </div>
        {t.hours && (
          <div>
            <dt>Hours</dt>
            <dd>{t.hours.open ? 'Open' : 'Closed'}</dd>
          </div>
        )}
      </dl>
      <table class="wall-operators" aria-label={`Operators of ${t.name}`}>
        <thead>
          <tr>
            <th scope="col">Operator</th>
            <th scope="col">Status</th>
            <th scope="col">Load</th>
            <th scope="col">Shift</th>
          </tr>
        </thead>
        <tbody>
          {t.operators.map((o) => (
            <tr key={o.id} data-operator-id={o.id}>
              <th scope="row">{o.name}</th>
              <td>
                <span class={`presence presence-${status(o)}`}>
                  <span class="dot" aria-hidden="true" />
                  {status(o)}
                </span>
              </td>
              <td aria-label={`Load of ${o.name}`} class={o.open >= o.capacity ? 'wall-full' : undefined}>
                {o.open} / {o.capacity}
              </td>
              <td>
                {o.onShift
                  ? o.shiftUntil
                    ? `On shift until ${clock(o.shiftUntil)}`
                    : 'On shift'
                  : o.shiftUntil
                    ? `Off until ${clock(o.shiftUntil)}`
                    : 'Off shift'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 class="small">Needs a look</h4>
      {t.attention.length === 0 ? (
        <p class="muted small">Nothing near a breach or souring</p>
      ) : (
        <ul class="wall-attention" aria-label={`Needs a look in ${t.name}`}>
          {t.attention.map((c) => (
            <li key={c.id}>
              <a href={hrefOf({ name: 'conversation', id: c.id })}>{visitorName(c)}</a> <SlaMark c={c} /> <ConversationMood c={c} />
              {c.queuedAt !== null && <span class="muted small"> waiting {waited(c.queuedAt, now)}</span>}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
