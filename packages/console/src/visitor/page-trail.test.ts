import type { PageViewDto } from '@switchboard/protocol';
import { describe, expect, it } from 'vitest';
import { pageViewOf, withPageView } from './page-trail';

const view = (id: string, visitId: string, startedAt: number, lastSeenAt = startedAt): PageViewDto => ({
  id,
  visitId,
  url: `https://shop.example/${id}`,
  title: id,
  startedAt,
  lastSeenAt,
});

describe('the page trail beside a conversation', () => {
  it('puts the page just opened first and ends the one before then; a new visit starts a new trail; a repeat changes nothing', () => {
    const trail = [view('b', 'v1', 2000, 2500), view('a', 'v1', 1000, 2000)];
    const next = withPageView(trail, view('c', 'v1', 9000));
    expect(next.map((p) => p.id)).toEqual(['c', 'b', 'a']);
    expect(next[1]?.lastSeenAt).toBe(9000);
    expect(withPageView(next, view('c', 'v1', 9000))).toBe(next);
    expect(withPageView(next, view('d', 'v2', 99_000)).map((p) => p.id)).toEqual(['d']);
    expect(withPageView([], view('a', 'v1', 1)).map((p) => p.id)).toEqual(['a']);
  });

  it('takes the page view of a visitor frame for that visitor only', () => {
    const frame = {
      type: 'visitor' as const,
      visitor: { id: 'x', pageUrl: null, pageTitle: null, referrer: null, userAgent: null, timeZone: null, locale: null, lastSeenAt: null },
      pageView: view('a', 'v1', 1),
    };
    expect(pageViewOf(frame, 'x')?.id).toBe('a');
    expect(pageViewOf(frame, 'y')).toBeNull();
    expect(pageViewOf({ ...frame, pageView: undefined }, 'x')).toBeNull();
  });
});
