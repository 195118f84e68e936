/**
 * When a page view starts a new visit, and what a visit's landing page says:
 * its campaign (UTM parameters) and the other site the visitor came from.
 */
import type { UtmParams } from '@switchboard/protocol';

/** A visit ends after this long without activity (a page, a heartbeat of an open page, leaving). */
export const VISIT_IDLE_MS = 30 * 60_000;

const UTM_KEYS = ['source', 'medium', 'campaign', 'term', 'content'] as const;

/** The `utm_*` parameters of an address; null when it has none. Values are trimmed and capped. */
export function utmOf(url: string): UtmParams | null {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  const utm = {} as UtmParams;
  let any = false;
  for (const k of UTM_KEYS) {
    const v = params.get(`utm_${k}`)?.trim().slice(0, 200) || null;
    utm[k] = v;
    if (v) any = true;
  }
  return any ? utm : null;
}

const site = (host: string) => host.toLowerCase().replace(/^www\./, '');

/** The referrer when it is another site than the page's (www. aside); null for direct visits and the site's own pages. */
export function externalReferrer(referrer: string | null | undefined, pageUrl: string): string | null {
  if (!referrer) return null;
  try {
    const from = new URL(referrer);
    const to = new URL(pageUrl);
    return site(from.hostname) === site(to.hostname) ? null : referrer;
  } catch {
    return null;
  }
}

export interface LatestVisit {
  lastActivityAt: number;
  referrer: string | null;
  utm: UtmParams | null;
}

const sameUtm = (a: UtmParams | null, b: UtmParams | null) => UTM_KEYS.every((k) => (a?.[k] ?? null) === (b?.[k] ?? null));

/**
 * A page view starts a new visit when there is none yet, after 30 minutes
 * without activity, or when the visitor arrives from another site than the
 * visit's, or with other campaign parameters. Pages of the site itself, and
 * addresses without UTM parameters, continue the visit.
 */
export function startsNewVisit(latest: LatestVisit | undefined, now: number, page: { referrer: string | null; utm: UtmParams | null }): boolean {
  if (!latest) return true;
  if (now - latest.lastActivityAt > VISIT_IDLE_MS) return true;
  if (page.referrer && page.referrer !== latest.referrer) return true;
  return page.utm !== null && !sameUtm(page.utm, latest.utm);
}
