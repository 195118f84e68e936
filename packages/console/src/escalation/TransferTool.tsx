/**
 * "Transfer": to an operator or a team, with a handoff note that only
 * operators see (the receiver finds it at the top of the conversation).
 */
import type { ConversationSummary } from '@switchboard/protocol';
import { useState } from 'preact/hooks';
import { messageOf } from '../api';
import { useTeams } from '../forms/teams';
import { dispatch, useStore } from '../store';
import { Popover } from '../ui/Popover';
import { escalationApi } from './escalation-api';

export function TransferTool({ c }: { c: ConversationSummary }) {
  const [open, setOpen] = useState(false);
  const [to, setTo] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const operators = useStore((s) => Object.values(s.operators));
  const me = useStore((s) => s.me);
  const teams = useTeams() ?? [];

  async function submit(e: Event) {
    e.preventDefault();
    if (!to) return setError('Choose an operator or a team');
    const [kind, id] = to.split(':') as ['team' | 'operator', string];
    try {
      const r = await escalationApi.transfer(c.id, kind === 'team' ? { teamId: id } : { operatorId: id }, note);
      dispatch({ type: 'summary', conversation: r.conversation });
      setOpen(false);
      setTo('');
      setNote('');
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <Popover label="Transfer" open={open} onOpen={setOpen} panelName="Transfer to" class="btn-ghost">
      <form class="transfer-form" onSubmit={(e) => void submit(e)}>
        <label class="field">
          <span>Transfer to</span>
          <select value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            <option value="">Choose…</option>
            <optgroup label="Operators">
              {operators
                .filter((o) => o.id !== me?.id && o.id !== c.assigneeId)
                .map((o) => (
                  <option key={o.id} value={`operator:${o.id}`}>
                    {o.name}
                  </option>
                ))}
            </optgroup>
            {teams.length > 0 && (
              <optgroup label="Teams">
                {teams.map((t) => (
                  <option key={t.id} value={`team:${t.id}`}>
                    {t.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label class="field">
          <span>Handoff note</span>
          <textarea rows={3} value={note} onInput={(e) => setNote(e.currentTarget.value)} placeholder="What they need to know (operators only)" />
        </label>
        {error && <p class="field-error">{error}</p>}
        <button type="submit" class="btn btn-sm">
          Transfer conversation
        </button>
      </form>
    </Popover>
  );
}
