/** Routing settings and the Queue, for the routes: each checks the policy and scopes to the actor's workspace. */
import type { ConversationSummary } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { summarizeAll } from '../conversation/conversation.service.js';
import { notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { seesAllConversations, viewerOf } from '../policy/visibility.js';
import { listWaiting } from './queue.repository.js';
import type { Router } from './router.js';
import { type TeamRouting, toTeamRouting } from './team-routing.js';

const TEAM_COLUMNS = ['id', 'assignment_mode', 'default_capacity', 'answer_seconds'] as const;

export async function getTeamRouting(ctx: Context, actor: Operator, teamId: string): Promise<TeamRouting> {
  authorize(actor, 'team.view');
  const row = await ctx.db.selectFrom('teams').select(TEAM_COLUMNS).where('workspace_id', '=', actor.workspaceId).where('id', '=', teamId).executeTakeFirst();
  if (!row) throw notFound('Team');
  return toTeamRouting(row);
}

export async function updateTeamRouting(
  ctx: Context,
  router: Router,
  actor: Operator,
  teamId: string,
  input: { mode?: TeamRouting['mode'] | undefined; defaultCapacity?: number | undefined; answerSeconds?: number | null | undefined },
): Promise<TeamRouting> {
  authorize(actor, 'team.manage');
  await getTeamRouting(ctx, actor, teamId);
  const set = {
    ...(input.mode !== undefined ? { assignment_mode: input.mode } : {}),
    ...(input.defaultCapacity !== undefined ? { default_capacity: input.defaultCapacity } : {}),
    ...(input.answerSeconds !== undefined ? { answer_seconds: input.answerSeconds } : {}),
  };
  if (Object.keys(set).length) await ctx.db.updateTable('teams').set(set).where('workspace_id', '=', actor.workspaceId).where('id', '=', teamId).execute();
  // A mode turned on, or more room: what waits may go now.
  await router.drain(actor.workspaceId, teamId);
  return getTeamRouting(ctx, actor, teamId);
}

export async function setOperatorCapacity(
  ctx: Context,
  router: Router,
  actor: Operator,
  operatorId: string,
  capacity: number | null,
): Promise<{ operatorId: string; capacity: number | null }> {
  authorize(actor, 'operator.update');
  const r = await ctx.db
    .updateTable('operators')
    .set({ capacity })
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', operatorId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw notFound('Operator');
  await router.freed(actor.workspaceId, operatorId);
  return { operatorId, capacity };
}

export async function getOperatorCapacity(ctx: Context, actor: Operator, operatorId: string): Promise<{ operatorId: string; capacity: number | null }> {
  authorize(actor, 'operator.list');
  const row = await ctx.db
    .selectFrom('operators')
    .select('capacity')
    .where('workspace_id', '=', actor.workspaceId)
    .where('id', '=', operatorId)
    .executeTakeFirst();
  if (!row) throw notFound('Operator');
  return { operatorId, capacity: row.capacity === null ? null : Number(row.capacity) };
}

export interface QueueItem {
  conversation: ConversationSummary;
  /** Its place in its team's queue, from 1. */
  position: number;
}

/** The waiting conversations, most urgent first (requeued, then priority, then wait), each with its place in its team's queue. */
export async function listQueue(ctx: Context, actor: Operator, teamId: string | undefined, limit: number): Promise<QueueItem[]> {
  authorize(actor, 'queue.view');
  // The queues of the teams the actor sees (owners and admins: every team's); a queued conversation always has a team.
  const viewer = await viewerOf(ctx, actor);
  const visible = seesAllConversations(actor.role) ? null : [...viewer.teamIds];
  const teams = teamId ? (visible && !visible.includes(teamId) ? [] : [teamId]) : visible;
  const rows = await listWaiting(ctx.db, actor.workspaceId, teams, limit);
  const summaries = await summarizeAll(ctx, actor.workspaceId, rows);
  const seen = new Map<string, number>();
  return summaries.map((conversation) => {
    const n = (seen.get(conversation.teamId ?? '') ?? 0) + 1;
    seen.set(conversation.teamId ?? '', n);
    return { conversation, position: n };
  });
}
