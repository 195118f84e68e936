/**
 * The conversation's team, which decides who sees it (owners, admins and
 * supervisors move it): members of the team, its assignee, and admins. A
 * supervisor who moves it out of their teams stops seeing it.
 */
import type { ConversationSummary } from '@switchboard/protocol';
import { useId } from 'preact/hooks';
import { api, messageOf } from '../api';
import { useTeams } from '../forms/teams';
import { dispatch, useStore } from '../store';

const MOVERS = new Set(['owner', 'admin', 'supervisor']);

export function ConversationTeam({ c }: { c: ConversationSummary }) {
  const role = useStore((s) => s.me?.role);
  const teams = useTeams();
  const id = useId();
  if (!role || !MOVERS.has(role) || !teams || teams.length === 0) return null;

  async function move(teamId: string | null) {
    try {
      dispatch({ type: 'summary', conversation: await api.setTeam(c.id, teamId) });
    } catch (err) {
      dispatch({ type: 'notice', message: messageOf(err) });
    }
  }

  return (
    <span class="conversation-team">
      <label for={id} class="sr-only">
        Team
      </label>
      <select id={id} value={c.teamId ?? ''} onChange={(e) => void move(e.currentTarget.value || null)}>
        <option value="">No team</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
    </span>
  );
}
