/**
 * The escalateConversation command ("Escalate"): by hand with a reason, or by
 * a rule (an actor of kind 'rule'), to the workspace's tier-2 team (the head
 * of its queue, handed out at once if someone there has room) or, named, to a
 * supervisor. Recorded in the conversation's escalation history in the same
 * transaction, with a system line that carries no reason (the visitor's
 * widget receives system lines; the reason stays with operators), and
 * announced as `conversation.escalated`.
 */
import type { Context } from '../context.js';
import { findConversation } from '../conversation/conversation.repository.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import type { EventResult } from '../conversation/record-event.js';
import { badRequest, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Operator } from '../operator/operator.js';
import { findOperator } from '../operator/operator.repository.js';
import { authorize, can } from '../policy/policy.js';
import { findTeam } from '../team/team.repository.js';
import { findTier2TeamId, insertEscalation } from './escalation.repository.js';
import { moveConversation } from './move.js';

export type RuleActor = { kind: 'rule'; id: string; name: string; workspaceId: string };

export interface EscalateProps {
  actor: Operator | RuleActor;
  conversationId: string;
  reason: string;
  /** A supervisor (or an admin, an owner) by name; absent: the workspace's tier-2 team. */
  to?: { operatorId: string } | undefined;
}

const isRule = (a: EscalateProps['actor']): a is RuleActor => 'kind' in a && a.kind === 'rule';

export async function escalateConversation(ctx: Context, p: EscalateProps): Promise<void> {
  await escalate(ctx, p);
}

/** The same, answering with the conversation and its system line (the HTTP route's answer). */
export async function escalate(ctx: Context, p: EscalateProps): Promise<EventResult> {
  const ws = p.actor.workspaceId;
  const reason = p.reason.trim();
  if (!reason) throw badRequest('Say why it is escalated');
  if (!isRule(p.actor)) authorize(p.actor, 'conversation.escalate');
  // A rule acts on any conversation of its workspace; an operator on those they see.
  const current = isRule(p.actor) ? await findConversation(ctx.db, ws, p.conversationId) : await visibleConversationRow(ctx, p.actor, p.conversationId);
  if (!current) throw notFound('Conversation');
  let target: { teamId: string; name: string } | { operatorId: string; name: string };
  if (p.to) {
    const op = await findOperator(ctx.db, ws, p.to.operatorId);
    if (!op) throw notFound('Operator');
    if (op.disabled_at !== null || !can(op.role as Operator['role'], 'conversation.take_over')) throw badRequest('Escalate to a supervisor');
    target = { operatorId: op.id, name: op.name };
  } else {
    const teamId = await findTier2TeamId(ctx.db, ws);
    const team = teamId ? await findTeam(ctx.db, ws, teamId) : undefined;
    if (!team) throw badRequest('There is no tier-2 team: choose one in Settings → Teams');
    target = { teamId: team.id, name: team.name };
  }
  const by = isRule(p.actor)
    ? { kind: 'rule' as const, id: p.actor.id, name: p.actor.name }
    : { kind: 'operator' as const, id: p.actor.id, name: p.actor.name };
  const byName = by.kind === 'rule' ? `rule '${by.name}'` : by.name;
  const toTeamId = 'teamId' in target ? target.teamId : null;
  const toOperatorId = 'operatorId' in target ? target.operatorId : null;
  const r = await moveConversation(ctx, {
    workspaceId: ws,
    current,
    to: 'teamId' in target ? { teamId: target.teamId } : { operatorId: target.operatorId },
    by: { id: by.kind === 'operator' ? by.id : null, name: byName },
    event: { type: 'escalated', teamName: toTeamId ? target.name : null, operatorName: toOperatorId ? target.name : null, byName },
    body: `Escalated to ${target.name} by ${byName}`,
    also: (trx) =>
      insertEscalation(trx, {
        id: newId(),
        workspace_id: ws,
        conversation_id: current.id,
        by_kind: by.kind,
        by_id: by.id,
        by_name: by.name,
        from_team_id: current.team_id,
        to_team_id: toTeamId,
        to_operator_id: toOperatorId,
        reason,
        created_at: ctx.now(),
      }),
  });
  ctx.events.emit({ type: 'conversation.escalated', workspaceId: ws, conversationId: current.id, teamId: toTeamId, operatorId: toOperatorId, reason, by });
  return r;
}
