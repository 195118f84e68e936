/** SQL of the supervision wall: each function takes a db first and reads the teams given, within a workspace. */
import type { Expression, ExpressionBuilder, SqlBool } from 'kysely';
import type { ConversationRow } from '../conversation/conversation.repository.js';
import type { Db } from '../db/database.js';
import type { Database } from '../db/tables.js';

export async function queueStats(db: Db, workspaceId: string, teamIds: string[]): Promise<Map<string, { length: number; oldestQueuedAt: number | null }>> {
  if (teamIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('conversations')
    .select(['team_id', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.min('queued_at').as('oldest')])
    .where('workspace_id', '=', workspaceId)
    .where('team_id', 'in', teamIds)
    .where('queued_at', 'is not', null)
    .where('assignee_id', 'is', null)
    .where('status', '=', 'open')
    .groupBy('team_id')
    .execute();
  return new Map(rows.map((r) => [r.team_id!, { length: Number(r.n), oldestQueuedAt: r.oldest === null ? null : Number(r.oldest) }]));
}

type Condition = (eb: ExpressionBuilder<Database, 'conversations'>) => Expression<SqlBool>;

/**
 * What puts a conversation on the wall, each reason one line: an SLA target
 * near breach (its warning time passed) or breached, or the visitor's mood
 * souring.
 */
const attentionReasons = (now: number): Condition[] => [
  (eb) => eb('sla_warn_at', '<=', now),
  (eb) => eb('sla_breached_at', 'is not', null),
  (eb) => eb('mood_trend', '=', 'souring'),
];

export async function needingAttention(db: Db, workspaceId: string, teamIds: string[], now: number, limit = 50): Promise<ConversationRow[]> {
  if (teamIds.length === 0) return [];
  const reasons = attentionReasons(now);
  return db
    .selectFrom('conversations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('team_id', 'in', teamIds)
    .where('status', 'in', ['open', 'pending'])
    .where((eb) => eb.or(reasons.map((r) => r(eb))))
    .orderBy('created_at')
    .limit(limit)
    .execute();
}
