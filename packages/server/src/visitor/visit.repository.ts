/** SQL of visits and page views: each query served by an index of migration 0012. */
import type { PageViewDto, UtmParams, VisitDto } from '@switchboard/protocol';
import type { Db } from '../db/database.js';
import type { PageViewRow, VisitRow } from './visit.table.js';

export function utmOfRow(r: VisitRow): UtmParams | null {
  const utm = { source: r.utm_source, medium: r.utm_medium, campaign: r.utm_campaign, term: r.utm_term, content: r.utm_content };
  return Object.values(utm).some((v) => v !== null) ? utm : null;
}

export const presentVisit = (r: VisitRow): VisitDto => ({
  id: r.id,
  number: r.number,
  startedAt: r.started_at,
  lastActivityAt: r.last_activity_at,
  landingUrl: r.landing_url,
  referrer: r.referrer,
  utm: utmOfRow(r),
  device: { type: r.device, browser: r.browser, browserVersion: r.browser_version, os: r.os },
  pageViews: Number(r.page_views),
});

export const presentPageView = (r: PageViewRow): PageViewDto => ({
  id: r.id,
  visitId: r.visit_id,
  url: r.url,
  title: r.title,
  startedAt: r.started_at,
  lastSeenAt: r.last_seen_at,
});

/** The visitor's latest visit (index visits_visitor_started). */
export async function latestVisit(db: Db, visitorId: string): Promise<VisitRow | undefined> {
  return db.selectFrom('visits').selectAll().where('visitor_id', '=', visitorId).orderBy('started_at', 'desc').limit(1).executeTakeFirst();
}

export async function insertVisit(db: Db, row: VisitRow): Promise<void> {
  await db.insertInto('visits').values(row).execute();
}

/** Activity in the visit now: `views` more pages viewed. */
export async function touchVisit(db: Db, id: string, now: number, views: number): Promise<void> {
  await db
    .updateTable('visits')
    .set((eb) => ({ last_activity_at: now, ...(views ? { page_views: eb('page_views', '+', views) } : {}) }))
    .where('id', '=', id)
    .execute();
}

/** The visit's latest page view (index page_views_visit_started). */
export async function latestPageView(db: Db, visitId: string): Promise<PageViewRow | undefined> {
  return db
    .selectFrom('page_views')
    .selectAll()
    .where('visit_id', '=', visitId)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findPageView(db: Db, id: string): Promise<PageViewRow | undefined> {
  return db.selectFrom('page_views').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertPageView(db: Db, row: PageViewRow): Promise<void> {
  await db.insertInto('page_views').values(row).execute();
}

export async function updatePageView(db: Db, id: string, patch: Partial<Pick<PageViewRow, 'title' | 'last_seen_at'>>): Promise<void> {
  await db.updateTable('page_views').set(patch).where('id', '=', id).execute();
}

const CHUNK = 500;

/**
 * Pages still open at `now` (a heartbeat, or their connection closing), with
 * their visits' activity: by primary key, a few hundred at a time.
 */
export async function seeOpenPages(db: Db, viewIds: string[], visitIds: string[], now: number): Promise<void> {
  for (let i = 0; i < viewIds.length; i += CHUNK) {
    await db
      .updateTable('page_views')
      .set({ last_seen_at: now })
      .where('id', 'in', viewIds.slice(i, i + CHUNK))
      .where('last_seen_at', '<', now)
      .execute();
  }
  for (let i = 0; i < visitIds.length; i += CHUNK) {
    await db
      .updateTable('visits')
      .set({ last_activity_at: now })
      .where('id', 'in', visitIds.slice(i, i + CHUNK))
      .where('last_activity_at', '<', now)
      .execute();
  }
}

/** A visitor's page views, newest first, keyset paged; of one visit when `visitId` is given. */
export async function listPageViews(
  db: Db,
  p: { workspaceId: string; visitorId: string; visitId?: string | undefined; before?: { startedAt: number; id: string } | undefined; limit: number },
): Promise<PageViewRow[]> {
  let q = db.selectFrom('page_views').selectAll();
  q = p.visitId ? q.where('visit_id', '=', p.visitId).where('visitor_id', '=', p.visitorId) : q.where('visitor_id', '=', p.visitorId);
  q = q.where('workspace_id', '=', p.workspaceId);
  if (p.before) {
    const { startedAt, id } = p.before;
    q = q.where((eb) => eb.or([eb('started_at', '<', startedAt), eb.and([eb('started_at', '=', startedAt), eb('id', '<', id)])]));
  }
  return q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(p.limit).execute();
}

/**
 * Deletes up to `limit` visits whose last activity is before `cutoff`, with
 * their page views (index visits_last_activity, then page_views_visit_started).
 * Returns how many visits went.
 */
export async function deleteVisitsBefore(db: Db, cutoff: number, limit: number): Promise<{ visits: number; pageViews: number }> {
  return db.transaction().execute(async (trx) => {
    const ids = (await trx.selectFrom('visits').select('id').where('last_activity_at', '<', cutoff).limit(limit).execute()).map((r) => r.id);
    if (ids.length === 0) return { visits: 0, pageViews: 0 };
    const views = await trx.deleteFrom('page_views').where('visit_id', 'in', ids).executeTakeFirst();
    await trx.deleteFrom('visits').where('id', 'in', ids).execute();
    return { visits: ids.length, pageViews: Number(views.numDeletedRows) };
  });
}

/** The latest conversations of several visitors (index conversations_visitor), up to `limit` each. */
export async function conversationIdsByVisitor(db: Db, visitorIds: string[], limit = 20): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (visitorIds.length === 0) return out;
  const rows = await db.selectFrom('conversations').select(['id', 'visitor_id']).where('visitor_id', 'in', visitorIds).orderBy('updated_at', 'desc').execute();
  for (const r of rows) {
    const list = out.get(r.visitor_id) ?? [];
    if (list.length < limit) list.push(r.id);
    out.set(r.visitor_id, list);
  }
  return out;
}
