/**
 * The setConversationTeam command: moves a conversation to a team (or to no
 * team, workspace-wide). What changes with it is who sees it
 * (policy/visibility.ts): the event names the team it leaves, so the consoles
 * that may no longer see it drop it from their lists (realtime/fanout.ts).
 * Unassigned and open, it moves to the new team's queue, and routing drains
 * both (routing/subscribe.ts).
 */
import type { ConversationSummary } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { findTeam } from '../team/team.repository.js';
import { findConversation } from './conversation.repository.js';
import { summarize, visibleConversationRow } from './conversation.service.js';

export interface SetConversationTeamProps {
  actor: Operator;
  conversationId: string;
  /** null: no team, every operator of the workspace sees it. */
  teamId: string | null;
}

export async function setConversationTeam(ctx: Context, p: SetConversationTeamProps): Promise<ConversationSummary> {
  authorize(p.actor, 'conversation.set_team');
  const current = await visibleConversationRow(ctx, p.actor, p.conversationId);
  if (p.teamId !== null && !(await findTeam(ctx.db, p.actor.workspaceId, p.teamId))) throw notFound('Team');
  if (current.team_id === p.teamId) return summarize(ctx, current);
  // Activity moves it up the lists of those who see it now, and orders it after the summaries sent before.
  const updatedAt = Math.max(ctx.now(), current.updated_at + 1);
  const waiting = current.assignee_id === null && current.status === 'open';
  await ctx.db
    .updateTable('conversations')
    // Waiting, it waits in the new team's queue (for as long as it has waited already); with no team, in no queue.
    .set({ team_id: p.teamId, updated_at: updatedAt, queued_at: p.teamId && waiting ? (current.queued_at ?? ctx.now()) : null })
    .where('workspace_id', '=', p.actor.workspaceId)
    .where('id', '=', current.id)
    .execute();
  const row = await findConversation(ctx.db, p.actor.workspaceId, current.id);
  if (!row) throw notFound('Conversation');
  const conversation = await summarize(ctx, row);
  ctx.events.emit({
    type: 'conversation.updated',
    workspaceId: p.actor.workspaceId,
    visitorId: row.visitor_id,
    conversation,
    previous: { teamId: current.team_id, assigneeId: current.assignee_id },
  });
  return conversation;
}
