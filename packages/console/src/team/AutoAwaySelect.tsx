import { useEffect, useState } from 'preact/hooks';
import { api, messageOf } from '../api';
import { dispatch } from '../store';

const CHOICES = [
  { minutes: 5, label: 'Away after 5 min idle' },
  { minutes: 10, label: 'Away after 10 min idle' },
  { minutes: 15, label: 'Away after 15 min idle' },
  { minutes: 30, label: 'Away after 30 min idle' },
  { minutes: 60, label: 'Away after 1 h idle' },
  { minutes: 0, label: 'Never away by itself' },
];

/** The operator's own idle time before they show as away (stored on the server, for every console of theirs). */
export function AutoAwaySelect({ shown }: { shown?: boolean } = {}) {
  const [minutes, setMinutes] = useState<number | null>(null);
  useEffect(() => {
    api.me().then(
      (me) => setMinutes(me.awayAfterMinutes ?? 10),
      () => {},
    );
  }, []);
  if (minutes === null) return null;
  const choices = CHOICES.some((c) => c.minutes === minutes) ? CHOICES : [...CHOICES, { minutes, label: `Away after ${minutes} min idle` }];
  return (
    <label class={shown ? 'field auto-away-field' : 'auto-away'}>
      <span class={shown ? undefined : 'sr-only'}>When I am idle</span>
      <select
        value={String(minutes)}
        onChange={async (e) => {
          const next = Number(e.currentTarget.value);
          setMinutes(next);
          try {
            setMinutes((await api.updateMe({ awayAfterMinutes: next })).awayAfterMinutes);
          } catch (err) {
            dispatch({ type: 'notice', message: messageOf(err) });
          }
        }}
      >
        {choices.map((c) => (
          <option key={c.minutes} value={String(c.minutes)}>
            {c.label}
          </option>
        ))}
      </select>
    </label>
  );
}
