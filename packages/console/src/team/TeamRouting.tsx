/** Settings → Teams, per team: how it hands out its queue (mode), its members' default capacity, the answer time limit. */
import { useEffect, useId, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { type AssignmentMode, routingApi, type TeamRouting as Routing } from '../routing/routing-api';
import { FormAlert } from '../ui/Field';

const MODES: { value: AssignmentMode; label: string }[] = [
  { value: 'manual', label: 'Manual: operators take from the queue' },
  { value: 'round_robin', label: 'Round robin' },
  { value: 'least_busy', label: 'Least busy' },
];

export function TeamRouting({ teamId, teamName }: { teamId: string; teamName: string }) {
  const [routing, setRouting] = useState<Routing | null>(null);
  const [draft, setDraft] = useState({ mode: 'manual' as AssignmentMode, capacity: '3', limit: '' });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = useId();

  useEffect(() => {
    routingApi.teamRouting(teamId).then(
      (r) => {
        setRouting(r);
        setDraft({ mode: r.mode, capacity: String(r.defaultCapacity), limit: r.answerSeconds === null ? '' : String(r.answerSeconds) });
      },
      (err) => setError(messageOf(err)),
    );
  }, [teamId]);

  async function save(e: Event) {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      setRouting(
        await routingApi.updateTeamRouting(teamId, {
          mode: draft.mode,
          defaultCapacity: Number(draft.capacity),
          answerSeconds: draft.limit.trim() === '' ? null : Number(draft.limit),
        }),
      );
      setSaved(true);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  if (!routing) return <FormAlert message={error} />;
  return (
    <form class="team-routing" onSubmit={save} aria-label={`Routing of ${teamName}`}>
      <h4 class="small">Routing</h4>
      <label for={`${id}-mode`}>Assignment</label>
      <select id={`${id}-mode`} value={draft.mode} onChange={(e) => setDraft({ ...draft, mode: e.currentTarget.value as AssignmentMode })}>
        {MODES.map((m) => (
          <option key={m.value} value={m.value}>
            {m.label}
          </option>
        ))}
      </select>
      <label for={`${id}-capacity`}>Default capacity (conversations at once)</label>
      <input
        id={`${id}-capacity`}
        type="number"
        min={0}
        max={100}
        required
        value={draft.capacity}
        onInput={(e) => setDraft({ ...draft, capacity: e.currentTarget.value })}
      />
      <label for={`${id}-limit`}>Answer time limit (seconds; empty: none)</label>
      <input id={`${id}-limit`} type="number" min={10} max={86400} value={draft.limit} onInput={(e) => setDraft({ ...draft, limit: e.currentTarget.value })} />
      <button type="submit" class="btn btn-sm">
        Save routing
      </button>
      {saved && (
        <span class="muted small" role="status">
          Saved
        </span>
      )}
      <FormAlert message={error} />
    </form>
  );
}
