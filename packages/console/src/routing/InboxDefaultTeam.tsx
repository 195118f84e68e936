/** Settings → Inboxes: the team new conversations go to unless the visitor chooses one; saved when it changes. */
import { useEffect, useState } from 'preact/hooks';
import { messageOf, request } from '../api';
import { cannedApi, type Team } from '../canned/canned-api';
import { dispatch } from '../store';

export function InboxDefaultTeam({ id, inboxId, value }: { id: string; inboxId: string; value: string | null }) {
  const [teams, setTeams] = useState<Team[]>([]);
  const [chosen, setChosen] = useState(value ?? '');
  useEffect(() => {
    cannedApi.teams().then(
      (r) => setTeams(r.items),
      () => {},
    );
  }, []);
  const save = async (teamId: string) => {
    setChosen(teamId);
    try {
      await request('PATCH', `/inboxes/${inboxId}`, { defaultTeamId: teamId || null });
    } catch (err) {
      dispatch({ type: 'notice', message: messageOf(err) });
    }
  };
  return (
    <div class="field">
      <label for={`${id}-default-team`}>Default team</label>
      <select id={`${id}-default-team`} value={chosen} onChange={(e) => void save(e.currentTarget.value)}>
        <option value="">None: conversations wait in no queue</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </div>
  );
}
