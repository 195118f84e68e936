/** What the console says of a conversation's SLA: time left, near breach, breached. */
import type { ConversationSummary, SlaTarget } from '@switchboard/protocol';

export const TARGET_NAMES: Record<SlaTarget, string> = {
  first_response: 'First response',
  next_response: 'Next response',
  resolution: 'Resolution',
};

export interface SlaLook {
  state: 'ok' | 'near' | 'breached';
  text: string;
  title: string;
}

/** "12 min", "2 h 5 min", "3 d 4 h": whole minutes, rounded up while counting down. */
export function duration(ms: number, up = true): string {
  const minutes = Math.max(0, up ? Math.ceil(ms / 60_000) : Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** null: no SLA target running. A breach not yet met comes first; then the nearest target, near breach from its warning time (or once due). */
export function slaLook(c: ConversationSummary, now: number): SlaLook | null {
  if (c.slaBreachedAt != null) {
    const ago = now - c.slaBreachedAt;
    const text = ago < 60_000 ? 'Breached just now' : `Breached ${duration(ago, false)} ago`;
    return { state: 'breached', text, title: `SLA ${text.toLowerCase()}` };
  }
  if (c.slaDueAt == null || !c.slaTarget) return null;
  const name = TARGET_NAMES[c.slaTarget];
  const left = c.slaDueAt - now;
  if (left <= 0) return { state: 'breached', text: 'Breached just now', title: `${name} target breached` };
  const near = c.slaWarnAt != null && now >= c.slaWarnAt;
  return {
    state: near ? 'near' : 'ok',
    text: near ? `Near breach: ${duration(left)} left` : `${duration(left)} left`,
    title: `${name} due in ${duration(left)}`,
  };
}
