/** How the Visitors page and the visitor panel put visits into words. */
import type { OnlineVisitor, VisitDto } from '@switchboard/protocol';
import { shortId } from '../inbox/conversations';

/** "45 s", "3 min", "1 h 05 min". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return `${h} h ${String(m % 60).padStart(2, '0')} min`;
}

/** The contact's name, or "Visitor" and a short id. */
export function onlineName(v: Pick<OnlineVisitor, 'id' | 'name'>): string {
  return v.name?.trim() || `Visitor ${shortId(v.id)}`;
}

/** "New visitor", or "Returning visitor · 4 visits". */
export function visitsLabel(visits: number): string {
  return visits > 1 ? `Returning visitor · ${visits.toLocaleString('en')} visits` : 'New visitor';
}

const DEVICES: Record<string, string> = { desktop: 'Desktop', mobile: 'Phone', tablet: 'Tablet', tv: 'TV', bot: 'Bot' };

/** "Desktop · Chrome 126 on macOS". */
export function deviceLabel(d: VisitDto['device'] | undefined): string | null {
  if (!d) return null;
  const browser = d.browser ? [d.browser, d.browserVersion].filter(Boolean).join(' ') : null;
  const what = [browser, d.os ? `on ${d.os}` : null].filter(Boolean).join(' ');
  const parts = [d.type ? (DEVICES[d.type] ?? d.type) : null, what || null].filter(Boolean);
  return parts.length ? parts.join(' · ') : null;
}

/** The host of an address, for short display ("www.google.com"); the address itself when it does not parse. */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
