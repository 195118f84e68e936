/** A conversation's SLA in the list and the header: "12 min left", "Near breach: 3 min left", "Breached 3 min ago" (words, not colour alone). */
import type { ConversationSummary } from '@switchboard/protocol';
import { useEffect, useState } from 'preact/hooks';
import { slaLook } from './sla-time';

/** The console's own clock, ticking once a minute (display only). */
export function useMinuteClock(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(t);
  }, []);
  return now;
}

export function SlaMark({ c, pill }: { c: ConversationSummary; pill?: boolean }) {
  const now = useMinuteClock();
  const look = slaLook(c, Math.max(now, Date.now()));
  if (!look) return null;
  return (
    <span class={`sla-mark sla-${look.state}${pill ? ' pill' : ''}`} title={look.title} data-sla={look.state}>
      {look.state !== 'ok' && (
        <span aria-hidden="true" class="sla-icon">
          {look.state === 'breached' ? '⛔' : '⚠'}{' '}
        </span>
      )}
      <span class="sr-only">SLA: </span>
      {look.text}
    </span>
  );
}

/** Whether the list item has an SLA to show. */
export const hasSla = (c: ConversationSummary) => c.slaBreachedAt != null || c.slaDueAt != null;
