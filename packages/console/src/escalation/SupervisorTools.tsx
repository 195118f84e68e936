/**
 * Supervision in the conversation header (supervisors, admins, owners):
 * "Monitor" follows it silently (no place among the viewers, no read receipt),
 * "Whisper" writes to the assignee only (operators see it, never the
 * visitor), "Take over" assigns it to you with a system line.
 */
import type { ConversationSummary } from '@switchboard/protocol';
import { useState } from 'preact/hooks';
import { messageOf } from '../api';
import { dispatch, useStore } from '../store';
import { isMonitoring, setMonitoring } from '../team/team-effects';
import { Popover } from '../ui/Popover';
import { escalationApi, SUPERVISORS } from './escalation-api';

export function SupervisorTools({ c }: { c: ConversationSummary }) {
  const me = useStore((s) => s.me);
  const [monitoring, setMonitored] = useState(isMonitoring(c.id));
  const [open, setOpen] = useState(false);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  if (!me || !SUPERVISORS.has(me.role)) return null;
  const fail = (err: unknown) => dispatch({ type: 'notice', message: messageOf(err) });

  async function whisper(e: Event) {
    e.preventDefault();
    if (!body.trim()) return setError('Write something first');
    try {
      const r = await escalationApi.whisper(c.id, body);
      dispatch({ type: 'team', action: { kind: 'notes', id: c.id, notes: [r.note] } });
      setBody('');
      setError(null);
      setOpen(false);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  return (
    <>
      <button
        type="button"
        class="btn btn-ghost btn-sm"
        aria-pressed={monitoring}
        title="Follow it without showing among the viewers"
        onClick={() => {
          setMonitoring(c.id, !monitoring);
          setMonitored(!monitoring);
        }}
      >
        Monitor
      </button>
      {c.assigneeId && c.assigneeId !== me.id && (
        <Popover label="Whisper" open={open} onOpen={setOpen} panelName="Whisper to the assigned operator" class="btn-ghost">
          <form class="transfer-form" onSubmit={(e) => void whisper(e)}>
            <label class="field">
              <span>Whisper</span>
              <textarea rows={2} value={body} onInput={(e) => setBody(e.currentTarget.value)} placeholder="Only operators see it" />
            </label>
            {error && <p class="field-error">{error}</p>}
            <button type="submit" class="btn btn-sm">
              Send whisper
            </button>
          </form>
        </Popover>
      )}
      {c.assigneeId !== me.id && c.status !== 'resolved' && (
        <button
          type="button"
          class="btn btn-ghost btn-sm"
          onClick={() => void escalationApi.takeOver(c.id).then((r) => dispatch({ type: 'summary', conversation: r.conversation }), fail)}
        >
          Take over
        </button>
      )}
    </>
  );
}
