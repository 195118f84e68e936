/**
 * The SQL of routing: a team's waiting queue in its order (requeued first, then
 * by priority, then by how long it has waited), the members who could take
 * the head, and how many open conversations each of them has.
 */
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import type { ConversationRow } from '../conversation/conversation.repository.js';

type Dialect = 'sqlite' | 'postgres';

/** Waiting in a team's queue: these conditions with the partial index `conversations_queue`. */
function waiting(db: Db, teamId: string) {
  return db
    .selectFrom('conversations')
    .where('team_id', '=', teamId)
    .where('queued_at', 'is not', null)
    .where('assignee_id', 'is', null)
    .where('status', '=', 'open')
    .orderBy('requeued', 'desc')
    .orderBy('priority')
    .orderBy('queued_at')
    .orderBy('id');
}

/**
 * The head of the queue. On PostgreSQL its row is locked, skipping one
 * another transaction holds (a take by hand): the next one is the head then.
 */
export async function lockQueueHead(db: Db, dialect: Dialect, teamId: string): Promise<ConversationRow | undefined> {
  const q = waiting(db, teamId).selectAll().limit(1);
  return (dialect === 'postgres' ? q.forUpdate().skipLocked() : q).executeTakeFirst();
}

/** The whole queue in order, just what positions need. */
export async function queueOrder(db: Db, teamId: string): Promise<{ id: string; visitor_id: string }[]> {
  return waiting(db, teamId).select(['id', 'visitor_id']).execute();
}

/** The queues of some teams (null: every team of the workspace), in order: the console's Queue. */
export async function listWaiting(db: Db, workspaceId: string, teamIds: string[] | null, limit: number): Promise<ConversationRow[]> {
  let q = db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('queued_at', 'is not', null)
    .where('assignee_id', 'is', null)
    .where('status', '=', 'open');
  if (teamIds) {
    if (teamIds.length === 0) return [];
    q = q.where('team_id', 'in', teamIds);
  }
  return q.orderBy('requeued', 'desc').orderBy('priority').orderBy('queued_at').orderBy('id').limit(limit).execute();
}

/** How many conversations are ahead of this one in its team's queue (its position is that plus one). */
export async function countAhead(db: Db, c: Pick<ConversationRow, 'id' | 'team_id' | 'requeued' | 'priority' | 'queued_at'>): Promise<number> {
  if (!c.team_id || c.queued_at === null) return 0;
  const r = await db
    .selectFrom('conversations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('team_id', '=', c.team_id)
    .where('queued_at', 'is not', null)
    .where('assignee_id', 'is', null)
    .where('status', '=', 'open')
    .where((eb) =>
      eb.or([
        eb('requeued', '>', c.requeued),
        eb.and([eb('requeued', '=', c.requeued), eb('priority', '<', c.priority)]),
        eb.and([eb('requeued', '=', c.requeued), eb('priority', '=', c.priority), eb('queued_at', '<', c.queued_at)]),
        eb.and([eb('requeued', '=', c.requeued), eb('priority', '=', c.priority), eb('queued_at', '=', c.queued_at), eb('id', '<', c.id)]),
      ]),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export interface Candidate {
  id: string;
  name: string;
  /** Their own capacity, or null: the team's default. */
  capacity: number | null;
  lastAssignedAt: number | null;
}

/** The team's members who are not disabled, in the order they joined (round robin goes round in it). */
export async function teamCandidates(db: Db, workspaceId: string, teamId: string): Promise<Candidate[]> {
  const rows = await db
    .selectFrom('team_members as m')
    .innerJoin('operators as o', 'o.id', 'm.operator_id')
    .select(['o.id', 'o.name', 'o.capacity', 'o.last_assigned_at'])
    .where('m.team_id', '=', teamId)
    .where('m.workspace_id', '=', workspaceId)
    .where('o.disabled_at', 'is', null)
    .orderBy('m.created_at')
    .orderBy('o.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    capacity: r.capacity === null ? null : Number(r.capacity),
    lastAssignedAt: r.last_assigned_at === null ? null : Number(r.last_assigned_at),
  }));
}

/** Open conversations (open or pending) assigned to each of these operators. */
export async function openLoads(db: Db, workspaceId: string, operatorIds: string[]): Promise<Map<string, number>> {
  const out = new Map(operatorIds.map((id) => [id, 0]));
  if (operatorIds.length === 0) return out;
  const rows = await db
    .selectFrom('conversations')
    .select(['assignee_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('assignee_id', 'in', operatorIds)
    .where('status', 'in', ['open', 'pending'])
    .groupBy('assignee_id')
    .execute();
  for (const r of rows) if (r.assignee_id) out.set(r.assignee_id, Number(r.n));
  return out;
}

/**
 * Locks the operator's row until the transaction ends (PostgreSQL): whoever
 * counts their load after this sees every assignment committed before, and
 * none is committed meanwhile. SQLite's single writer does the same.
 */
export async function lockOperator(db: Db, dialect: Dialect, operatorId: string): Promise<void> {
  if (dialect === 'postgres') await sql`select id from operators where id = ${operatorId} for update`.execute(db);
}

/** How long the team's recent conversations took from assignment to resolution, on average (ms); null: none yet. */
export async function recentHandlingMs(db: Db, teamId: string, sample = 20): Promise<number | null> {
  const rows = await db
    .selectFrom('conversations')
    .select(['assigned_at', 'resolved_at'])
    .where('team_id', '=', teamId)
    .where('resolved_at', 'is not', null)
    .orderBy('resolved_at', 'desc')
    .limit(sample)
    .execute();
  const spans = rows.filter((r) => r.assigned_at !== null && r.resolved_at !== null).map((r) => Number(r.resolved_at) - Number(r.assigned_at));
  if (spans.length === 0) return null;
  return spans.reduce((a, b) => a + b, 0) / spans.length;
}
