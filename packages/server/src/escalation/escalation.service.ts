import type { EscalationDto } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import { notFound } from '../errors.js';
import type { Operator } from '../operator/operator.js';
import { authorize } from '../policy/policy.js';
import { findTeam } from '../team/team.repository.js';
import { findTier2TeamId, listEscalations, presentEscalation, saveTier2TeamId } from './escalation.repository.js';

export async function listConversationEscalations(ctx: Context, actor: Operator, conversationId: string): Promise<EscalationDto[]> {
  authorize(actor, 'escalation.view');
  const row = await visibleConversationRow(ctx, actor, conversationId);
  return (await listEscalations(ctx.db, actor.workspaceId, row.id)).map(presentEscalation);
}

export async function getEscalationSettings(ctx: Context, actor: Operator): Promise<{ tier2TeamId: string | null }> {
  authorize(actor, 'team.view');
  return { tier2TeamId: await findTier2TeamId(ctx.db, actor.workspaceId) };
}

export async function updateEscalationSettings(ctx: Context, actor: Operator, teamId: string | null): Promise<{ tier2TeamId: string | null }> {
  authorize(actor, 'escalation.manage');
  if (teamId !== null && !(await findTeam(ctx.db, actor.workspaceId, teamId))) throw notFound('Team');
  await saveTier2TeamId(ctx.db, actor.workspaceId, teamId, ctx.now());
  return { tier2TeamId: teamId };
}
