/**
 * Visitors' events: the trackVisitorEvent command (the widget, for the host
 * site's `Switchboard('track', …)`) and the list operators read beside the
 * visitor's pages. Kept as long as visits (visit-retention.ts).
 */
import type { VisitorEventDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import { decodeCursor, encodeCursor, type Page } from '../http/cursor.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { mayViewVisitor, viewerOf } from '../policy/visibility.js';
import { insertVisitorEvent, listVisitorEvents } from './visitor-event.repository.js';
import type { TrackInput } from './visitor-event.js';
import type { VisitorEventRow } from './visitor-event.table.js';
import type { Visitor } from './visitor.js';
import { findVisitor } from './visitor.repository.js';

export const presentVisitorEvent = (r: VisitorEventRow): VisitorEventDto => ({
  id: r.id,
  name: r.name,
  data: r.data === null ? null : (JSON.parse(r.data) as VisitorEventDto['data']),
  createdAt: Number(r.created_at),
});

export interface TrackVisitorEventProps {
  visitor: Visitor;
  event: TrackInput;
}

export async function trackVisitorEvent(ctx: Context, p: TrackVisitorEventProps): Promise<VisitorEventDto> {
  const row: VisitorEventRow = {
    id: newId(),
    workspace_id: p.visitor.workspaceId,
    visitor_id: p.visitor.id,
    name: p.event.name.trim(),
    data: p.event.data && Object.keys(p.event.data).length > 0 ? JSON.stringify(p.event.data) : null,
    created_at: ctx.now(),
  };
  await insertVisitorEvent(ctx.db, row);
  return presentVisitorEvent(row);
}

/** A visitor's events, newest first, for operators who may see the visitor. */
export async function listEventsOfVisitor(
  ctx: Context,
  actor: Operator,
  id: string,
  q: { limit: number; cursor?: string | undefined },
): Promise<Page<VisitorEventDto>> {
  authorize(actor, 'visitor.view');
  const row = await findVisitor(ctx.db, actor.workspaceId, id);
  // A visitor whose conversations are all out of the operator's scope is not found either.
  if (!row || !(await mayViewVisitor(ctx, await viewerOf(ctx, actor), row.id))) throw notFound('Visitor');
  const before = q.cursor ? decodeCursor(q.cursor) : undefined;
  const rows = await listVisitorEvents(ctx.db, {
    workspaceId: actor.workspaceId,
    visitorId: row.id,
    before: before ? { createdAt: before.t, id: before.id } : undefined,
    limit: q.limit + 1,
  });
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(presentVisitorEvent),
    nextCursor: rows.length > q.limit && last ? encodeCursor({ t: Number(last.created_at), id: last.id }) : null,
  };
}
