/**
 * "Schedule" next to Send: the reply goes out later, at a time picked in the
 * operator's own zone (in one hour, tomorrow at 9:00, next Monday at 9:00, or
 * a chosen time). The text leaves the composer once the server has stored it.
 */
import { useState } from 'preact/hooks';
import { fromLocalInput, laterChoices } from '../conversation/snooze-times';
import { Popover } from '../ui/Popover';
import { shortTime } from '../ui/time';

export function ScheduleTool({ disabled, onSchedule }: { disabled: boolean; onSchedule: (sendAt: number) => Promise<string | null> }) {
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState('');
  const [error, setError] = useState<string | null>(null);
  const now = Date.now();
  const choose = async (sendAt: number) => {
    setError(null);
    const refused = await onSchedule(sendAt);
    if (refused) setError(refused);
    else {
      setCustom('');
      setOpen(false);
    }
  };
  if (disabled && !open) {
    return (
      <button type="button" class="btn btn-ghost btn-sm" disabled title="Write the reply first (files go out only with Send)">
        Schedule
      </button>
    );
  }
  return (
    <Popover label="Schedule" open={open} onOpen={setOpen} panelName="Send later" class="btn-ghost">
      <ul class="pick-list">
        {laterChoices(now).map((choice) => (
          <li key={choice.label}>
            <button type="button" class="pick" onClick={() => void choose(choice.until)}>
              {choice.label}
              <span class="muted small">{shortTime(choice.until, now)}</span>
            </button>
          </li>
        ))}
      </ul>
      <div class="snooze-custom">
        <label class="field">
          <span>Choose a time</span>
          <input
            type="datetime-local"
            value={custom}
            onInput={(e) => setCustom(e.currentTarget.value)}
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'schedule-error' : undefined}
          />
        </label>
        {error && (
          <p class="field-error" id="schedule-error" role="alert">
            {error}
          </p>
        )}
        <button
          type="button"
          class="btn btn-sm"
          onClick={() => {
            const at = fromLocalInput(custom);
            if (!at || at <= Date.now()) setError('Choose a time in the future');
            else void choose(at);
          }}
        >
          Schedule for then
        </button>
      </div>
    </Popover>
  );
}
