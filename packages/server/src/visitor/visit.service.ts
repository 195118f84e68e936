/** What operators see of a visitor's activity: their current visit and the pages they viewed. */
import type { PageViewDto, VisitorInfo } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.js';
import type { Operator } from '../operator/operator.js';
import { mayViewVisitor, viewerOf } from '../policy/visibility.js';
import { authorize } from '../policy/policy.js';
import { latestVisit, listPageViews, presentPageView, presentVisit } from './visit.repository.js';
import { findVisitor, presentVisitor } from './visitor.repository.js';

/** The visitor with their latest visit, number of visits, and whether they are on the site now. */
export async function getVisitorDetails(ctx: Context, actor: Operator, id: string, online: (id: string) => boolean): Promise<VisitorInfo> {
  authorize(actor, 'visitor.view');
  const row = await findVisitor(ctx.db, actor.workspaceId, id);
  // A visitor whose conversations are all out of the operator's scope is not found either.
  if (!row || !(await mayViewVisitor(ctx, await viewerOf(ctx, actor), row.id))) throw notFound('Visitor');
  const visit = await latestVisit(ctx.db, row.id);
  return { ...presentVisitor(row), visitCount: Number(row.visit_count), visit: visit ? presentVisit(visit) : null, online: online(row.id) };
}

/** The pages a visitor viewed, newest first; of one visit with `visitId`. */
export async function listVisitorPages(
  ctx: Context,
  actor: Operator,
  id: string,
  q: { visitId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<PageViewDto>> {
  authorize(actor, 'visitor.view');
  const row = await findVisitor(ctx.db, actor.workspaceId, id);
  // A visitor whose conversations are all out of the operator's scope is not found either.
  if (!row || !(await mayViewVisitor(ctx, await viewerOf(ctx, actor), row.id))) throw notFound('Visitor');
  const before = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await listPageViews(ctx.db, {
    workspaceId: actor.workspaceId,
    visitorId: row.id,
    visitId: q.visitId,
    before: before ? { startedAt: before.t, id: before.id } : undefined,
    limit: q.limit + 1,
  });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return { items: items.map(presentPageView), nextCursor: rows.length > q.limit && last ? encodeCursor({ t: last.started_at, id: last.id }) : null };
}
