/** Settings → Teams: the "Tier 2 team" that escalations go to (admins choose it). */
import { useEffect, useId, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { escalationApi } from './escalation-api';

export function Tier2Setting({ teams }: { teams: { id: string; name: string }[] }) {
  const [value, setValue] = useState<string | null | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const id = useId();
  useEffect(() => {
    escalationApi.settings().then(
      (r) => setValue(r.tier2TeamId),
      (err) => setMessage(messageOf(err)),
    );
  }, []);
  if (value === undefined) return null;

  async function choose(teamId: string | null) {
    try {
      setValue((await escalationApi.saveSettings(teamId)).tier2TeamId);
      setMessage('Saved');
    } catch (err) {
      setMessage(messageOf(err));
    }
  }

  return (
    <div class="subform">
      <label for={id}>Tier 2 team</label>{' '}
      <select id={id} value={value ?? ''} onChange={(e) => void choose(e.currentTarget.value || null)}>
        <option value="">None</option>
        {teams.map((t) => (
          <option key={t.id} value={t.id}>
            {t.name}
          </option>
        ))}
      </select>
      <p class="muted small" aria-live="polite">
        {message ?? 'Where “Escalate” sends a conversation, at the head of its queue.'}
      </p>
    </div>
  );
}
