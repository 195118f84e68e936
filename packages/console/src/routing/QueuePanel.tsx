import { useEffect, useMemo, useState } from 'preact/hooks';
import { messageOf } from '../api';
import { visitorName } from '../inbox/conversations';
import { dispatch, useStore } from '../store';
import { useNow } from '../visitor/use-now';
import { priorityLabel } from './PrioritySelect';
import { type QueueItem, routingApi } from './routing-api';

const waited = (ms: number): string => {
  const m = Math.floor(ms / 60_000);
  return m < 1 ? 'under a minute' : m === 1 ? '1 minute' : `${m} minutes`;
};

/**
 * The Queue: conversations waiting for an operator, requeued ones first, then
 * by priority, then by waiting time, with a Take button each. Read from the
 * server, and again whenever a summary says the queue moved.
 */
export function QueuePanel() {
  const [items, setItems] = useState<QueueItem[]>([]);
  const now = useNow(15_000);
  // What the queue looks like from the summaries this console holds: a change means it moved.
  const signature = useStore((s) =>
    Object.values(s.conversations)
      .filter((c) => c.teamId !== null && (c.queuedAt !== null || c.assigneeId !== null))
      .map((c) => `${c.id}:${c.queuedAt ?? '-'}:${c.assigneeId ?? '-'}:${c.priority}:${c.status}`)
      .sort()
      .join(','),
  );
  const load = useMemo(
    () => () =>
      routingApi.queue().then(
        (r) => setItems(r.items),
        () => {},
      ),
    [],
  );
  useEffect(() => {
    void load();
  }, [signature, load]);

  const take = async (id: string) => {
    try {
      dispatch({ type: 'summary', conversation: (await routingApi.take(id)).conversation });
      await load();
    } catch (err) {
      dispatch({ type: 'notice', message: messageOf(err) });
      await load();
    }
  };

  return (
    <section class="queue" aria-label="Queue">
      <h2 class="queue-title">
        Queue <span class="muted">({items.length} waiting)</span>
      </h2>
      {items.length === 0 ? (
        <p class="muted queue-empty">Nobody is waiting.</p>
      ) : (
        <ul class="queue-list">
          {items.map(({ conversation: c, position }) => (
            <li key={c.id} class="queue-item">
              <span class="queue-name">
                {position}. {visitorName(c)}
              </span>
              <span class={`pill priority-${c.priority}`}>{priorityLabel(c.priority)}</span>
              <span class="muted">waiting {waited(now - (c.queuedAt ?? now))}</span>
              <button type="button" class="btn btn-sm" onClick={() => void take(c.id)} aria-label={`Take ${visitorName(c)}`}>
                Take
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
