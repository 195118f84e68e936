/** Your own choice of notices by mail (profile settings): mentions, assignments, due tasks. All off until you opt in. */
import { useEffect, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { FormAlert } from '../ui/Field';
import { type EmailPreferences, emailApi } from './email-api';

const CHOICES: { key: keyof EmailPreferences; label: string }[] = [
  { key: 'onMention', label: 'Email me when I’m mentioned' },
  { key: 'onAssignment', label: 'Email me when a conversation is assigned to me' },
  { key: 'onTaskDue', label: 'Email me when a task is due' },
];

export function EmailNotifications() {
  const [prefs, setPrefs] = useState<EmailPreferences | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  useEffect(() => {
    emailApi.preferences().then(setPrefs, (err) => setError(messageOf(err)));
  }, []);
  async function change(key: keyof EmailPreferences, value: boolean) {
    setError(null);
    setSaved(null);
    try {
      setPrefs(await emailApi.savePreferences({ [key]: value }));
      setSaved('Saved');
    } catch (err) {
      setError(messageOf(err));
    }
  }
  return (
    <section class="card" aria-labelledby="email-notices-title">
      <h2 id="email-notices-title">Email notifications</h2>
      {prefs === null ? (
        <p class="muted">Loading…</p>
      ) : (
        <fieldset class="email-notices">
          <legend class="small muted">Mail reaches you at your sign-in address.</legend>
          {CHOICES.map((c) => (
            <label class="check" key={c.key}>
              <input type="checkbox" checked={prefs[c.key]} onChange={(e) => void change(c.key, e.currentTarget.checked)} /> {c.label}
            </label>
          ))}
        </fieldset>
      )}
      {saved && (
        <p class="muted small" role="status">
          {saved}
        </p>
      )}
      <FormAlert message={error} />
    </section>
  );
}
