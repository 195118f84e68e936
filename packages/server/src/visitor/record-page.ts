/**
 * The recordPage command: a visitor's tab reports the page it shows. The
 * visitor row keeps the current page (as the conversation panel shows it);
 * the page view joins the visitor's current visit, or starts a new one (see
 * visit-rules.ts), and ends the page this tab showed before. A reload or a
 * reconnect on the same page continues its view. Runs off the message path,
 * in one transaction.
 */
import { cleanName, safeHref } from '@switchboard/text';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import { newId } from '../ids.js';
import { parseUserAgent } from './user-agent.js';
import { externalReferrer, startsNewVisit, utmOf } from './visit-rules.js';
import type { PageViewRow, VisitRow } from './visit.table.js';
import { findPageView, insertPageView, insertVisit, latestPageView, latestVisit, touchVisit, updatePageView, utmOfRow } from './visit.repository.js';
import type { Visitor } from './visitor.js';
import { type VisitorRow, updateVisitor } from './visitor.repository.js';

/** The same page reported again within this long (a reload, a reconnect) continues its view. */
export const CONTINUE_VIEW_MS = 2 * 60_000;
/** A visit keeps its first pages up to this many; the current page still follows the visitor beyond. */
export const MAX_VIEWS_PER_VISIT = 500;

export interface RecordPageProps {
  visitor: Visitor;
  page: { url: string; title?: string | undefined; referrer?: string | undefined; timeZone?: string | undefined; locale?: string | undefined };
  userAgent?: string | undefined;
  /** The page view this tab showed until now: it ends here. */
  previousViewId?: string | null;
}

export interface RecordedPage {
  visitor: VisitorRow;
  /** Null when the address is not http(s): nothing of it is kept. */
  visit: VisitRow | null;
  view: PageViewRow | null;
  /** A new page view started (not the same page again). */
  started: boolean;
}

export async function recordPage(ctx: Context, p: RecordPageProps): Promise<RecordedPage> {
  const now = ctx.now();
  // Pages are shown to operators as links: only http(s) addresses are kept.
  const url = safeHref(p.page.url);
  const title = p.page.title ? cleanName(p.page.title).slice(0, 512) || null : null;
  const patch = {
    page_url: url,
    page_title: title,
    ...(p.page.referrer !== undefined ? { referrer: p.page.referrer ? safeHref(p.page.referrer) : null } : {}),
    ...(p.page.timeZone ? { time_zone: p.page.timeZone } : {}),
    ...(p.page.locale ? { locale: p.page.locale } : {}),
    ...(p.userAgent ? { user_agent: p.userAgent.slice(0, 512) } : {}),
    last_seen_at: now,
  };
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('visitors').selectAll().where('id', '=', p.visitor.id).executeTakeFirstOrThrow();
    const row: VisitorRow = { ...before, ...patch };
    if (!url) {
      await updateVisitor(trx, p.visitor.id, patch);
      return { visitor: row, visit: null, view: null, started: false };
    }
    const visit = await currentVisit(trx, row, url, patch.referrer ?? null, now);
    if (visit.number > Number(before.visit_count)) (patch as Partial<VisitorRow>).visit_count = visit.number;
    await updateVisitor(trx, p.visitor.id, patch);
    const previous = p.previousViewId ? await findPageView(trx, p.previousViewId) : undefined;
    let view: PageViewRow | undefined;
    let started = false;
    if (previous && previous.visit_id === visit.id && previous.url === url) view = previous;
    else {
      const last = await latestPageView(trx, visit.id);
      const again = last && last.url === url && last.last_seen_at >= now - CONTINUE_VIEW_MS && (!previous || previous.id === last.id);
      if (again || (last && Number(visit.page_views) >= MAX_VIEWS_PER_VISIT)) view = last;
      else {
        view = {
          id: newId(),
          workspace_id: p.visitor.workspaceId,
          visitor_id: p.visitor.id,
          visit_id: visit.id,
          url,
          title,
          started_at: now,
          last_seen_at: now,
        };
        await insertPageView(trx, view);
        started = true;
      }
    }
    if (previous && previous.id !== view?.id && previous.last_seen_at < now) await updatePageView(trx, previous.id, { last_seen_at: now });
    if (view && !started) {
      view = { ...view, title: title ?? view.title, last_seen_at: Math.max(view.last_seen_at, now) };
      await updatePageView(trx, view.id, { title: view.title, last_seen_at: view.last_seen_at });
    }
    await touchVisit(trx, visit.id, now, started ? 1 : 0);
    return {
      visitor: { ...row, visit_count: Math.max(Number(before.visit_count), visit.number) },
      visit: { ...visit, last_activity_at: now, page_views: Number(visit.page_views) + (started ? 1 : 0) },
      view: view ?? null,
      started,
    };
  });
}

/** The visit this page belongs to: the latest one, or a new one it starts. */
async function currentVisit(db: Db, visitor: VisitorRow, url: string, referrer: string | null, now: number): Promise<VisitRow> {
  const latest = await latestVisit(db, visitor.id);
  const from = externalReferrer(referrer, url);
  const utm = utmOf(url);
  const continues =
    latest && !startsNewVisit({ lastActivityAt: latest.last_activity_at, referrer: latest.referrer, utm: utmOfRow(latest) }, now, { referrer: from, utm });
  if (latest && continues) return latest;
  const device = parseUserAgent(visitor.user_agent);
  const visit: VisitRow = {
    id: newId(),
    workspace_id: visitor.workspace_id,
    visitor_id: visitor.id,
    number: Math.max(Number(visitor.visit_count), latest?.number ?? 0) + 1,
    started_at: now,
    last_activity_at: now,
    landing_url: url,
    referrer: from,
    utm_source: utm?.source ?? null,
    utm_medium: utm?.medium ?? null,
    utm_campaign: utm?.campaign ?? null,
    utm_term: utm?.term ?? null,
    utm_content: utm?.content ?? null,
    device: device.type,
    browser: device.browser,
    browser_version: device.browserVersion,
    os: device.os,
    page_views: 0,
  };
  await insertVisit(db, visit);
  return visit;
}
