/** "Escalate": with a reason, to the workspace's tier-2 team or to a supervisor. */
import type { ConversationSummary } from '@switchboard/protocol';
import { useState } from 'preact/hooks';
import { messageOf } from '../api';
import { dispatch, useStore } from '../store';
import { Popover } from '../ui/Popover';
import { escalationApi, SUPERVISORS } from './escalation-api';

export function EscalateTool({ c }: { c: ConversationSummary }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | null>(null);
  const supervisors = useStore((s) => Object.values(s.operators).filter((o) => SUPERVISORS.has(o.role) && o.id !== s.me?.id));

  async function submit(e: Event) {
    e.preventDefault();
    if (!reason.trim()) return setError('Say why it is escalated');
    try {
      const r = await escalationApi.escalate(c.id, reason, to || null);
      dispatch({ type: 'summary', conversation: r.conversation });
      setOpen(false);
      setReason('');
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <Popover label="Escalate" open={open} onOpen={setOpen} panelName="Escalate" class="btn-ghost">
      <form class="transfer-form" onSubmit={(e) => void submit(e)}>
        <label class="field">
          <span>Reason</span>
          <textarea rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span>Escalate to</span>
          <select value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            <option value="">Tier 2 team</option>
            {supervisors.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        {error && <p class="field-error">{error}</p>}
        <button type="submit" class="btn btn-sm">
          Escalate conversation
        </button>
      </form>
    </Popover>
  );
}
