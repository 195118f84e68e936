/**
 * The page trail of a visitor's current visit, as the panel beside a
 * conversation shows it: loaded over HTTP, then kept live by `visitor` frames
 * that bring the page the visitor just opened. Newest first.
 */
import type { PageViewDto, ServerFrame } from '@switchboard/protocol';

export function withPageView(trail: PageViewDto[], view: PageViewDto): PageViewDto[] {
  if (trail.some((p) => p.id === view.id)) return trail;
  // Another visit started: its trail starts with this page.
  if (trail[0] && trail[0].visitId !== view.visitId) return [view];
  // The page before ended when this one opened (on that tab; the server has the exact times).
  const [latest, ...rest] = trail;
  const ended = latest && latest.lastSeenAt < view.startedAt ? { ...latest, lastSeenAt: view.startedAt } : latest;
  return ended ? [view, ended, ...rest] : [view];
}

/** The page view a frame brings for this visitor, if any. */
export function pageViewOf(frame: ServerFrame, visitorId: string): PageViewDto | null {
  return frame.type === 'visitor' && frame.visitor.id === visitorId && frame.pageView ? frame.pageView : null;
}
