/**
 * Who gets a conversation's `suggestions` frame: every operator in its team
 * room (owners and admins, members of its team, its assignee). An earlier
 * answer goes in only when all of them may see the conversation it was
 * given in: one of no team, or one of the same team when the assignee (if
 * any) sees that team's conversations too.
 */
import type { ConversationSummary } from '@switchboard/protocol';
import { seesAllConversations } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { teamIdsOf } from '../team/team.repository.js';
import type { SourceConversation } from './suggest.js';

export interface RoomAudience {
  maySee: (source: SourceConversation) => boolean;
}

export async function roomAudience(
  ctx: Pick<Context, 'db'>,
  workspaceId: string,
  conversation: Pick<ConversationSummary, 'teamId' | 'assigneeId'>,
): Promise<RoomAudience> {
  const teamId = conversation.teamId;
  let sameTeam = teamId !== null;
  if (teamId !== null && conversation.assigneeId !== null) {
    const assignee = await ctx.db
      .selectFrom('operators')
      .select('role')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', conversation.assigneeId)
      .executeTakeFirst();
    const sees = assignee !== undefined && seesAllConversations(assignee.role as Parameters<typeof seesAllConversations>[0]);
    sameTeam = sees || (await teamIdsOf(ctx.db, workspaceId, conversation.assigneeId)).includes(teamId);
  }
  return {
    maySee: (s) => s.workspace_id === workspaceId && (s.team_id === null || (sameTeam && s.team_id === teamId)),
  };
}
