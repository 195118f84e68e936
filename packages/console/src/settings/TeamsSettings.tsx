/** Settings → Teams (admins): create, rename and delete teams, add and remove their members. */
import { useEffect, useId, useMemo, useState } from 'preact/hooks';
import { Tier2Setting } from '../escalation/Tier2Setting';
import { messageOf } from '../api';
import { cannedApi, type Team } from '../canned/canned-api';
import { dispatch, useStore } from '../store';
import { Field, FormAlert, invalidProps } from '../ui/Field';
import { byName } from '../ui/form-errors';
import { useForm } from '../ui/use-form';
import { TeamRouting } from '../team/TeamRouting';
import { TeamHours } from '../hours/TeamHours';
import { SlaPolicySelect } from '../sla/SlaPolicySelect';

const nameField = byName('name');

export function TeamsSettings() {
  const [teams, setTeams] = useState<Team[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const creating = useForm(nameField);
  const id = useId();

  useEffect(() => {
    cannedApi.teams().then(
      (r) => setTeams(r.items),
      (err) => setError(messageOf(err)),
    );
  }, []);

  const replace = (team: Team) => setTeams((list) => (list ?? []).map((t) => (t.id === team.id ? team : t)));

  function create(e: Event) {
    e.preventDefault();
    void creating.run(async () => {
      const team = await cannedApi.createTeam(name.trim());
      setTeams((list) => [...(list ?? []), team].sort((a, b) => a.name.localeCompare(b.name)));
      setName('');
    });
  }

  return (
    <section class="card" aria-labelledby="teams-title">
      <h2 id="teams-title">Teams</h2>
      <p class="muted small">A team’s members share its canned responses and see its conversations; supervisors supervise the teams they are members of.</p>
      <FormAlert message={error} />
      {teams === null && !error && <p class="muted">Loading…</p>}
      {teams?.length === 0 && <p class="muted">No teams yet.</p>}
      {teams && teams.length > 0 && <Tier2Setting teams={teams} />}
      {teams?.map((team) => (
        <TeamEditor key={team.id} team={team} onChanged={replace} onDeleted={() => setTeams((list) => (list ?? []).filter((t) => t.id !== team.id))} />
      ))}
      <form class="subform form-inline" onSubmit={create} ref={creating.ref}>
        <Field id={`${id}-name`} label="New team name" error={creating.errors.fields.name}>
          <input
            {...invalidProps(`${id}-name`, creating.errors.fields.name)}
            required
            maxLength={100}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn btn-sm" disabled={creating.busy}>
          Create team
        </button>
        <FormAlert message={creating.errors.form} />
      </form>
    </section>
  );
}

function TeamEditor({ team, onChanged, onDeleted }: { team: Team; onChanged: (t: Team) => void; onDeleted: () => void }) {
  const operators = useStore((s) => s.operators);
  const [name, setName] = useState(team.name);
  const [adding, setAdding] = useState('');
  const renaming = useForm(nameField);
  const id = useId();
  const others = useMemo(
    () =>
      Object.values(operators)
        .filter((o) => !o.disabled && !team.memberIds.includes(o.id))
        .sort((a, b) => a.name.localeCompare(b.name)),
    [operators, team.memberIds],
  );

  async function act(task: () => Promise<Team | undefined>) {
    try {
      const t = await task();
      if (t) onChanged(t);
    } catch (err) {
      dispatch({ type: 'notice', message: messageOf(err) });
    }
  }

  function rename(e: Event) {
    e.preventDefault();
    void renaming.run(async () => onChanged(await cannedApi.renameTeam(team.id, name.trim())));
  }

  function remove() {
    if (!confirm(`Delete the team ${team.name}? Its team canned responses are deleted with it.`)) return;
    void act(async () => {
      await cannedApi.deleteTeam(team.id);
      onDeleted();
      return undefined;
    });
  }

  return (
    <div class="team-editor">
      <h3>Team {team.name}</h3>
      <form class="form-inline" onSubmit={rename} ref={renaming.ref}>
        <Field id={`${id}-name`} label="Team name" error={renaming.errors.fields.name}>
          <input
            {...invalidProps(`${id}-name`, renaming.errors.fields.name)}
            required
            maxLength={100}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </Field>
        <button type="submit" class="btn btn-sm" disabled={renaming.busy || name.trim() === team.name}>
          Rename
        </button>
        <button type="button" class="btn btn-ghost btn-sm" onClick={remove}>
          Delete team {team.name}
        </button>
      </form>
      <FormAlert message={renaming.errors.form} />
      <TeamRouting teamId={team.id} teamName={team.name} />
      <TeamHours team={team} />
      <SlaPolicySelect id={id} holder="teams" holderId={team.id} />
      <h4 class="small">Members</h4>
      {team.memberIds.length === 0 ? (
        <p class="muted small">No members yet.</p>
      ) : (
        <ul class="members">
          {team.memberIds.map((m) => (
            <li key={m} class="chip">
              {operators[m]?.name ?? 'An operator'}
              <button
                type="button"
                class="chip-x"
                aria-label={`Remove ${operators[m]?.name ?? 'this operator'} from ${team.name}`}
                onClick={() => void act(() => cannedApi.removeMember(team.id, m))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {others.length > 0 && (
        <form
          class="form-inline"
          onSubmit={(e) => {
            e.preventDefault();
            if (adding) void act(() => cannedApi.addMember(team.id, adding)).then(() => setAdding(''));
          }}
        >
          <Field id={`${id}-add`} label={`Add a member to ${team.name}`} error={undefined}>
            <select id={`${id}-add`} value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
              <option value="">Choose an operator</option>
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </Field>
          <button type="submit" class="btn btn-sm" disabled={!adding}>
            Add to team
          </button>
        </form>
      )}
    </div>
  );
}
