/**
 * Proactive triggers, decided in the visitor's browser: pure functions of the
 * rules the server sent (GET /api/v1/widget/triggers) and what the page knows
 * (the URL, time on the page, the visit, the page's `track` events, the
 * pointer leaving toward the top, what the visitor was shown before). No DOM
 * here: main.ts gathers the state and shows what this picks; the tests run
 * it in node.
 */
import type { PropertyCondition, TriggerConditions, TriggerFrequency, WidgetTrigger } from '@switchboard/protocol';

export interface TrackedEvent {
  name: string;
  data?: Record<string, unknown> | undefined;
}

/** When the visitor was last shown each trigger (epoch ms) and in which visit: the frequency caps read it. */
export type ShownLog = Record<string, { at: number; visit: string }>;

export interface PageState {
  url: string;
  /** The referrer and UTM tags of the visit's first page. */
  referrer: string;
  utm: { source?: string | undefined; medium?: string | undefined; campaign?: string | undefined };
  /** Epoch ms: now, and when the current page opened. */
  now: number;
  pageSince: number;
  /** Pages viewed in this visit, this one included. */
  pagesViewed: number;
  /** The visitor came before this visit. */
  returning: boolean;
  /** The page's `track` events of this visit, oldest first. */
  events: TrackedEvent[];
  /** The pointer left the page toward the top (desktop). */
  exited: boolean;
  /** A touch device: exit intent never holds there. */
  touch: boolean;
  /** An operator is available now; the team is within its business hours. */
  available: boolean;
  open: boolean;
  visitId: string;
  shown: ShownLog;
}

/** `*` is any run of characters; everything else is itself. The whole URL must match. */
export function globMatch(pattern: string, url: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${source}$`, 'i').test(url);
}

const num = (v: unknown): number => (typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN);

export function propertyHolds(c: PropertyCondition, data: Record<string, unknown> | undefined): boolean {
  const v = data?.[c.property];
  if (v === undefined) return c.op === 'neq';
  switch (c.op) {
    case 'eq':
      return typeof c.value === 'number' ? num(v) === c.value : String(v) === String(c.value);
    case 'neq':
      return typeof c.value === 'number' ? num(v) !== c.value : String(v) !== String(c.value);
    case 'gt':
      return num(v) > num(c.value);
    case 'gte':
      return num(v) >= num(c.value);
    case 'lt':
      return num(v) < num(c.value);
    case 'lte':
      return num(v) <= num(c.value);
    case 'contains':
      return String(v).toLowerCase().includes(String(c.value).toLowerCase());
  }
}

/** Every condition holds now (a missing condition holds). */
export function conditionsHold(c: TriggerConditions, s: PageState): boolean {
  if (c.urlPattern && !globMatch(c.urlPattern, s.url)) return false;
  if (c.timeOnPage && s.now - s.pageSince < c.timeOnPage * 1000) return false;
  if (c.pagesViewed && s.pagesViewed < c.pagesViewed) return false;
  if (c.visitors === 'new' && s.returning) return false;
  if (c.visitors === 'returning' && !s.returning) return false;
  if (c.referrerContains && !s.referrer.toLowerCase().includes(c.referrerContains.toLowerCase())) return false;
  const eq = (want: string | undefined, have: string | undefined) => !want || (have ?? '').toLowerCase() === want.toLowerCase();
  if (!eq(c.utmSource, s.utm.source) || !eq(c.utmMedium, s.utm.medium) || !eq(c.utmCampaign, s.utm.campaign)) return false;
  const ev = c.event;
  if (ev && !s.events.some((e) => e.name === ev.name && ev.conditions.every((p) => propertyHolds(p, e.data)))) return false;
  if (c.exitIntent && (s.touch || !s.exited)) return false;
  return true;
}

/** The frequency cap lets the trigger show again now. */
export function capAllows(f: TriggerFrequency, last: ShownLog[string] | undefined, visitId: string, now: number): boolean {
  if (!last) return true;
  if (f.per === 'visitor') return false;
  if (f.per === 'visit') return last.visit !== visitId;
  return now - last.at >= f.days * 86_400_000;
}

/** FNV-1a of the text: the same visitor and trigger always land on the same side of the split. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The variant a visitor sees: A for `split` percent of visitors, chosen once per visitor and trigger. */
export function variantOf(t: Pick<WidgetTrigger, 'id' | 'b' | 'split'>, visitorKey: string): 'a' | 'b' {
  if (t.b === null) return 'a';
  return hash(`${visitorKey}:${t.id}`) % 100 < t.split ? 'a' : 'b';
}

export function whenAllowed(t: Pick<WidgetTrigger, 'onlyWhen'>, s: Pick<PageState, 'available' | 'open'>): boolean {
  return t.onlyWhen === 'always' || (t.onlyWhen === 'operators_available' ? s.available : s.open);
}

/**
 * The trigger to show now, if any: the first in order whose conditions hold
 * (noted in `held` the first time they do) for at least its delay, which its
 * cap and its "only when" allow. `held` is the caller's, kept across calls
 * for the page; a trigger whose conditions stop holding starts its delay again.
 */
export function pick(triggers: WidgetTrigger[], s: PageState, held: Record<string, number>): WidgetTrigger | null {
  let found: WidgetTrigger | null = null;
  for (const t of triggers) {
    const ok = whenAllowed(t, s) && capAllows(t.frequency, s.shown[t.id], s.visitId, s.now) && conditionsHold(t.conditions, s);
    if (!ok) {
      delete held[t.id];
      continue;
    }
    held[t.id] ??= s.now;
    if (!found && s.now - (held[t.id] as number) >= t.delay * 1000) found = t;
  }
  return found;
}

/** The UTM tags of a URL's query. */
export function utmOf(url: string): PageState['utm'] {
  try {
    const q = new URL(url).searchParams;
    return { source: q.get('utm_source') ?? undefined, medium: q.get('utm_medium') ?? undefined, campaign: q.get('utm_campaign') ?? undefined };
  } catch {
    return {};
  }
}

/** A visit ends after 30 minutes without a page. */
export const VISIT_GAP_MS = 30 * 60_000;

export interface VisitRecord {
  id: string;
  /** Pages viewed in the visit. */
  n: number;
  /** When the last page of it was seen (epoch ms). */
  last: number;
  /** Visits so far, this one included. */
  count: number;
  referrer: string;
  utm: PageState['utm'];
  events: TrackedEvent[];
}

/** The visit a page view belongs to: the stored one if recent, else a new one (counting the visitor's visits). */
export function nextVisit(prev: VisitRecord | null, p: { now: number; url: string; referrer: string; newId: string }): VisitRecord {
  if (prev && p.now - prev.last < VISIT_GAP_MS) return { ...prev, n: prev.n + 1, last: p.now };
  return { id: p.newId, n: 1, last: p.now, count: (prev?.count ?? 0) + 1, referrer: p.referrer, utm: utmOf(p.url), events: [] };
}
