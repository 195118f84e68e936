import type { PageViewDto, VisitorInfo } from '@switchboard/protocol';
import type { ComponentChildren } from 'preact';
import { safeHref } from '@switchboard/text';
import { useEffect, useState } from 'preact/hooks';
import { onServerFrame } from '../realtime/connection';
import { pageViewOf, withPageView } from './page-trail';
import { useNow } from './use-now';
import { visitorApi } from './visitor-api';
import { VisitorEvents } from './VisitorEvents';
import { deviceLabel, duration, hostOf, visitsLabel } from './visitor-format';

const UTM_LABELS = [
  ['source', 'Source'],
  ['medium', 'Medium'],
  ['campaign', 'Campaign'],
  ['term', 'Term'],
  ['content', 'Content'],
] as const;

/**
 * The visitor's current visit beside the conversation: new or returning,
 * device and browser, where they came from and the campaign, and the pages
 * of the visit with the time on each (newest first, the current one ticking
 * while they are on the site). `visitor` frames keep it live.
 */
export function VisitActivity({ visitor }: { visitor: VisitorInfo | undefined }) {
  const visit = visitor?.visit ?? null;
  if (!visitor || visitor.visitCount === undefined) return null;
  const device = deviceLabel(visit?.device);
  const utm = visit?.utm;
  return (
    <section class="visit-activity" aria-labelledby="visit-title">
      <h3 class="panel-section" id="visit-title">
        Visit
      </h3>
      <dl class="facts">
        <dt>Visitor</dt>
        <dd>{visitsLabel(visitor.visitCount)}</dd>
        <dt>Device</dt>
        <dd>{device ?? <span class="muted">Unknown</span>}</dd>
        <dt>Came from</dt>
        <dd>
          {visit?.referrer ? (
            <span class="fact-sub" title={visit.referrer}>
              {hostOf(visit.referrer)}
            </span>
          ) : (
            <span class="muted">Direct</span>
          )}
        </dd>
        {utm &&
          UTM_LABELS.filter(([k]) => utm[k]).map(([k, label]) => (
            <Fact key={k} term={label}>
              {utm[k]}
            </Fact>
          ))}
      </dl>
      {visit && <PageTrail visitorId={visitor.id} visitId={visit.id} online={visitor.online === true} />}
      <VisitorEvents visitorId={visitor.id} />
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

function PageTrail({ visitorId, visitId, online }: { visitorId: string; visitId: string; online: boolean }) {
  const [trail, setTrail] = useState<PageViewDto[] | null>(null);
  const now = useNow(1000);

  useEffect(() => {
    let stale = false;
    setTrail(null);
    visitorApi.pages(visitorId, { visitId, limit: 50 }).then(
      (page) => !stale && setTrail((live) => (live ?? []).reduceRight(withPageView, page.items)),
      () => !stale && setTrail([]),
    );
    const stop = onServerFrame((frame) => {
      const view = pageViewOf(frame, visitorId);
      if (view) setTrail((t) => withPageView(t ?? [], view));
    });
    return () => {
      stale = true;
      stop();
    };
  }, [visitorId, visitId]);

  if (!trail) return <p class="muted small">Loading pages…</p>;
  return (
    <>
      <h3 class="panel-section" id="trail-title">
        Pages this visit
      </h3>
      <ol class="page-trail" aria-labelledby="trail-title">
        {trail.map((p, i) => {
          const current = i === 0 && online;
          const href = safeHref(p.url);
          return (
            <li key={p.id} class={current ? 'current' : undefined}>
              {href ? (
                <a href={href} target="_blank" rel="noopener noreferrer nofollow" title={p.url}>
                  {p.title || p.url}
                </a>
              ) : (
                <span>{p.title || p.url}</span>
              )}
              <span class="trail-meta">
                {current && <strong class="trail-now">Current page · </strong>}
                {duration((current ? Math.max(now, p.lastSeenAt) : p.lastSeenAt) - p.startedAt)}
              </span>
            </li>
          );
        })}
      </ol>
    </>
  );
}
