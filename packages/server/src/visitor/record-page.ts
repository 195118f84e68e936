/**
 * The recordPage command: a visitor's tab reports the page it shows. The
 * visitor row keeps the current page (as the conversation panel shows it);
 * the page view joins the visitor's current visit, or starts a new one (see
 * visit-rules.ts), and ends the page this tab showed before. A reload or a
 * reconnect on the same page continues its view. Runs off the message path;
 * reports arriving together are stored in one transaction (recordPages), so
 * a busy site's pages cost a few commits a second, not hundreds.
 */
import { touchContactSeen } from '../contact/contact.repository.js';
import { cleanName, safeHref } from '@switchboard/text';
import type { Context } from '../context.js';
import type { Db } from '../db/database.js';
import type { UtmParams } from '@switchboard/protocol';
import { newId } from '../ids.js';
import { parseUserAgent } from './user-agent.js';
import { externalReferrer, startsNewVisit, utmOf } from './visit-rules.js';
import type { PageViewRow, VisitRow } from './visit.table.js';
import { insertPageView, insertVisit, latestPageView, latestVisit, touchVisit, updatePageView, utmOfRow } from './visit.repository.js';
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
  /**
   * What this tab recorded last (its page ends here): the rows are taken as
   * they are, so a tab moving on writes its page and reads nothing.
   */
  previous?: RecordedPage | null;
}

export interface RecordedPage {
  visitor: VisitorRow;
  /** Null when the address is not http(s): nothing of it is kept. */
  visit: VisitRow | null;
  view: PageViewRow | null;
  /** A new page view started (not the same page again). */
  started: boolean;
}

export type PageOutcome = { ok: true; value: RecordedPage } | { ok: false; error: unknown };

export async function recordPage(ctx: Context, p: RecordPageProps): Promise<RecordedPage> {
  const now = ctx.now();
  return ctx.db.transaction().execute((trx) => recordIn(trx, now, p));
}

/** Several tabs' reports in one transaction; if it fails, each alone, so one bad report fails only itself. */
export async function recordPages(ctx: Context, list: RecordPageProps[]): Promise<PageOutcome[]> {
  const now = ctx.now();
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const out: PageOutcome[] = [];
      for (const p of list) out.push({ ok: true, value: await recordIn(trx, now, p) });
      return out;
    });
  } catch {
    const out: PageOutcome[] = [];
    for (const p of list) {
      try {
        out.push({ ok: true, value: await recordPage(ctx, p) });
      } catch (error) {
        out.push({ ok: false, error });
      }
    }
    return out;
  }
}

async function recordIn(trx: Db, now: number, p: RecordPageProps): Promise<RecordedPage> {
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
  const known = p.previous?.visit ? p.previous : null;
  const before = known?.visitor ?? (await trx.selectFrom('visitors').selectAll().where('id', '=', p.visitor.id).executeTakeFirstOrThrow());
  let row: VisitorRow = { ...before, ...patch };
  if (!url) {
    await updateVisitor(trx, p.visitor.id, patch);
    return { visitor: row, visit: null, view: null, started: false };
  }
  let visit = known?.visit ?? (await latestVisit(trx, p.visitor.id));
  const from = externalReferrer(patch.referrer ?? null, url);
  const utm = utmOf(url);
  if (!visit || startsNewVisit({ lastActivityAt: visit.last_activity_at, referrer: visit.referrer, utm: utmOfRow(visit) }, now, { referrer: from, utm })) {
    // The visit's number is the visitor's count, moved in the same statement: two tabs never number two visits alike.
    const counted = await trx
      .updateTable('visitors')
      .set((eb) => ({ ...patch, visit_count: eb('visit_count', '+', 1) }))
      .where('id', '=', p.visitor.id)
      .returning('visit_count')
      .executeTakeFirstOrThrow();
    row = { ...row, visit_count: Number(counted.visit_count) };
    visit = newVisit(row, url, from, utm, now);
    await insertVisit(trx, visit);
  } else await updateVisitor(trx, p.visitor.id, patch);
  const previous = known?.view ?? null;
  let view: PageViewRow | undefined;
  let started = false;
  if (previous && previous.visit_id === visit.id && previous.url === url) view = previous;
  else {
    // A new tab (a page load, a reconnect) on the page the visit showed last, lately, continues that view.
    const last = previous ? (previous.visit_id === visit.id ? previous : undefined) : await latestPageView(trx, visit.id);
    const again = !previous && last && last.url === url && last.last_seen_at >= now - CONTINUE_VIEW_MS;
    if (again || (last && Number(visit.page_views) >= MAX_VIEWS_PER_VISIT)) view = last;
    else {
      view = { id: newId(), workspace_id: p.visitor.workspaceId, visitor_id: p.visitor.id, visit_id: visit.id, url, title, started_at: now, last_seen_at: now };
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
  // The Contacts page sorts by when a contact was last seen (at most one write a minute).
  if (row.contact_id) await touchContactSeen(trx, row.contact_id, now);
  return {
    visitor: row,
    visit: { ...visit, last_activity_at: now, page_views: Number(visit.page_views) + (started ? 1 : 0) },
    view: view ?? null,
    started,
  };
}

function newVisit(visitor: VisitorRow, url: string, referrer: string | null, utm: UtmParams | null, now: number): VisitRow {
  const device = parseUserAgent(visitor.user_agent);
  return {
    id: newId(),
    workspace_id: visitor.workspace_id,
    visitor_id: visitor.id,
    number: Number(visitor.visit_count),
    started_at: now,
    last_activity_at: now,
    landing_url: url,
    referrer,
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
}
