import type { VisitorEventDto } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { fullTime, shortTime } from '../ui/time';
import { visitorApi } from './visitor-api';

/**
 * What the host site tracked of the visitor (`Switchboard('track', name,
 * data)`): the latest events, newest first, each with its data as
 * "key: value" pairs. Nothing is shown when the site tracks nothing.
 */
export function VisitorEvents({ visitorId }: { visitorId: string }) {
  const [events, setEvents] = useState<VisitorEventDto[] | null>(null);

  useEffect(() => {
    let stale = false;
    setEvents(null);
    visitorApi.events(visitorId, { limit: 20 }).then(
      (page) => !stale && setEvents(page.items),
      () => !stale && setEvents([]),
    );
    return () => {
      stale = true;
    };
  }, [visitorId]);

  if (!events?.length) return null;
  const now = Date.now();
  return (
    <>
      <h3 class="panel-section" id="events-title">
        Events
      </h3>
      <ol class="page-trail visitor-events" aria-labelledby="events-title">
        {events.map((e) => (
          <li key={e.id}>
            <span>{e.name}</span>
            {e.data && (
              <span class="trail-meta">
                {Object.entries(e.data)
                  .map(([k, v]) => `${k}: ${String(v)}`)
                  .join(' · ')}
              </span>
            )}
            <span class="trail-meta">
              <time dateTime={new Date(e.createdAt).toISOString()} title={fullTime(e.createdAt)}>
                {shortTime(e.createdAt, now)}
              </time>
            </span>
          </li>
        ))}
      </ol>
    </>
  );
}
