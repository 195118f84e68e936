/** SQL of visitors' tracked events: each query served by an index of migration 0029. */
import type { Db } from '../db/database.js';
import type { VisitorEventRow } from './visitor-event.table.js';

export async function insertVisitorEvent(db: Db, row: VisitorEventRow): Promise<void> {
  await db.insertInto('visitor_events').values(row).execute();
}

/** Newest first, before a keyset cursor (index visitor_events_visitor_created). */
export async function listVisitorEvents(
  db: Db,
  p: { workspaceId: string; visitorId: string; before?: { createdAt: number; id: string } | undefined; limit: number },
): Promise<VisitorEventRow[]> {
  let q = db.selectFrom('visitor_events').selectAll().where('visitor_id', '=', p.visitorId).where('workspace_id', '=', p.workspaceId);
  const before = p.before;
  if (before)
    q = q.where((eb) => eb.or([eb('created_at', '<', before.createdAt), eb.and([eb('created_at', '=', before.createdAt), eb('id', '<', before.id)])]));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(p.limit).execute();
}

/** Retention: up to `limit` events older than `cutoff`. */
export async function deleteVisitorEventsBefore(db: Db, cutoff: number, limit: number): Promise<number> {
  const ids = (await db.selectFrom('visitor_events').select('id').where('created_at', '<', cutoff).limit(limit).execute()).map((r) => r.id);
  if (ids.length === 0) return 0;
  await db.deleteFrom('visitor_events').where('id', 'in', ids).execute();
  return ids.length;
}
