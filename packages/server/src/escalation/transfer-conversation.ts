/**
 * The transferConversation command ("Transfer"): hands a conversation to an
 * operator (assigned to them, which lets them see it) or to a team (the head
 * of its queue, handed out at once if someone there has room), with a handoff
 * note: a private note of kind `handoff`, for operators only, shown at the top
 * of the conversation for its receiver and notified to them like a mention
 * (to a team: its members). The system line reads "Transferred to X by Y".
 */
import type { Context } from '../context.js';
import { visibleConversationRow } from '../conversation/conversation.service.js';
import type { EventResult } from '../conversation/record-event.js';
import { badRequest, notFound } from '../errors.js';
import { addNote } from '../note/add-note.js';
import type { Operator } from '../operator/operator.js';
import { findOperator } from '../operator/operator.repository.js';
import { authorize } from '../policy/policy.js';
import { findTeam, membersOf } from '../team/team.repository.js';
import { moveConversation, type MoveTarget } from './move.js';

export interface TransferProps {
  actor: Operator;
  conversationId: string;
  to: MoveTarget;
  /** The handoff note; empty or absent: none. */
  note?: string | undefined;
}

/** Who receives: a team or an enabled operator of the workspace, with the operators to tell. */
export async function resolveTarget(ctx: Context, workspaceId: string, to: MoveTarget): Promise<{ name: string; notify: string[]; operatorId: string | null }> {
  if ('teamId' in to) {
    const team = await findTeam(ctx.db, workspaceId, to.teamId);
    if (!team) throw notFound('Team');
    return { name: team.name, notify: (await membersOf(ctx.db, workspaceId, [team.id])).get(team.id) ?? [], operatorId: null };
  }
  const op = await findOperator(ctx.db, workspaceId, to.operatorId);
  if (!op) throw notFound('Operator');
  if (op.disabled_at !== null) throw badRequest('This operator is disabled');
  return { name: op.name, notify: [op.id], operatorId: op.id };
}

export async function transferConversation(ctx: Context, p: TransferProps): Promise<EventResult> {
  authorize(p.actor, 'conversation.transfer');
  const ws = p.actor.workspaceId;
  const current = await visibleConversationRow(ctx, p.actor, p.conversationId);
  const target = await resolveTarget(ctx, ws, p.to);
  if ('operatorId' in p.to && current.assignee_id === p.to.operatorId) throw badRequest('This conversation is theirs already');
  if ('teamId' in p.to && current.team_id === p.to.teamId && current.assignee_id === null)
    throw badRequest('This conversation is in that team’s queue already');
  const body = p.note?.trim();
  // Written first, while the actor still sees the conversation (a transfer to another team may take it out of their sight).
  if (body) await addNote(ctx, { actor: p.actor, conversationId: current.id, body, kind: 'handoff', toOperatorId: target.operatorId, notify: target.notify });
  const isTeam = 'teamId' in p.to;
  return moveConversation(ctx, {
    workspaceId: ws,
    current,
    to: p.to,
    by: { id: p.actor.id, name: p.actor.name },
    event: { type: 'transferred', teamName: isTeam ? target.name : null, operatorName: isTeam ? null : target.name, byName: p.actor.name },
    body: `Transferred to ${target.name} by ${p.actor.name}`,
  });
}
