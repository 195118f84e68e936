/**
 * The conversation's messages scheduled to go out later, above the reply box,
 * for every operator (the visitor sees nothing of them until they are sent):
 * when each goes, its text, and "Cancel scheduled message" until it starts
 * going out. One that failed says why, and can be dismissed.
 */
import type { ScheduledMessageDto } from '@switchboard/protocol';
import { MessageText } from '../conversation/MessageText';
import { useStore } from '../store';
import { fullTime } from '../ui/time';
import { cancelScheduled } from './scheduled-actions';

const none: ScheduledMessageDto[] = [];

export function ScheduledList({ id }: { id: string }) {
  const items = useStore((s) => s.team.byId[id]?.scheduled ?? none);
  if (items.length === 0) return null;
  return (
    <section class="scheduled" aria-label="Scheduled messages">
      <ul>
        {items.map((m) => (
          <li key={m.id} class={`scheduled-item scheduled-${m.status}`}>
            <div class="scheduled-when small">
              {m.status === 'failed' ? (
                <strong>Not sent: {m.error ?? 'it could not be sent'}</strong>
              ) : m.status === 'sending' ? (
                'Sending now…'
              ) : (
                <>
                  Scheduled for <time dateTime={new Date(m.sendAt).toISOString()}>{fullTime(m.sendAt)}</time>
                </>
              )}
              <span class="muted"> · {m.author.name}</span>
            </div>
            <MessageText text={m.body} />
            {m.status !== 'sending' && (
              <button type="button" class="btn btn-ghost btn-sm" onClick={() => void cancelScheduled(id, m.id)}>
                {m.status === 'failed' ? 'Dismiss' : 'Cancel scheduled message'}
              </button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
