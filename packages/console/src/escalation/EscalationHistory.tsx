/** The conversation's escalations, oldest first: who or which rule, from which team, to whom, why. */
import type { EscalationDto } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { useTeams } from '../forms/teams';
import { useStore } from '../store';
import { Icon } from '../ui/icons';
import { Popover } from '../ui/Popover';
import { fullTime } from '../ui/time';
import { escalationApi } from './escalation-api';

export function EscalationHistory({ id, lastSeq }: { id: string; lastSeq: number }) {
  const [open, setOpen] = useState(false);
  const [items, setItems] = useState<EscalationDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const operators = useStore((s) => s.operators);
  const teams = useTeams() ?? [];
  const teamName = (t: string | null) => (t ? (teams.find((x) => x.id === t)?.name ?? 'a team') : 'no team');

  useEffect(() => {
    if (!open) return;
    escalationApi.history(id).then(
      (r) => setItems(r.items),
      (err) => setError(messageOf(err)),
    );
  }, [open, id, lastSeq]);

  return (
    <Popover label={<Icon name="history" />} name="Escalation history" open={open} onOpen={setOpen} panelName="Escalation history" class="btn-ghost icon-btn">
      {error && <p class="field-error">{error}</p>}
      {items && items.length === 0 && <p class="muted small">Never escalated</p>}
      <ol class="escalation-list">
        {(items ?? []).map((e) => (
          <li key={e.id}>
            <strong>{e.by.kind === 'rule' ? `Rule '${e.by.name}'` : e.by.name}</strong>: from {teamName(e.fromTeamId)} to{' '}
            {e.toOperatorId ? (operators[e.toOperatorId]?.name ?? 'a supervisor') : teamName(e.toTeamId)}, <q>{e.reason}</q>{' '}
            <time class="muted small">{fullTime(e.createdAt)}</time>
          </li>
        ))}
      </ol>
    </Popover>
  );
}
