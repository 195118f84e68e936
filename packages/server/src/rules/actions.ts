/**
 * A rule's actions, run through the same commands operators use, with the
 * rule as the actor: system lines read "Priority set to urgent by rule 'VIP'".
 * The rule acts as a workspace-wide actor named after it (`ruleActor`), so
 * the commands need no change; what they refuse (a team or label deleted
 * since) fails the run with their message.
 */
import type { RuleNoticeFrame } from '@switchboard/protocol';
import type { Context } from '../context.js';
import { recordEvent } from '../conversation/record-event.js';
import { setConversationTeam } from '../conversation/set-conversation-team.js';
import { escalateConversation } from '../escalation/escalate-conversation.js';
import { AppError, notFound } from '../errors.js';
import { setConversationLabels } from '../label/set-conversation-labels.js';
import type { Operator } from '../operator/operator.js';
import { setPriority } from '../routing/set-priority.js';
import { findTeam } from '../team/team.repository.js';
import type { Rule, RuleAction } from './rule.js';

/** Sends a notice to these operators' consoles (their operator rooms). */
export type Notify = (operatorIds: string[], frame: RuleNoticeFrame) => Promise<void>;

/** The rule as the actor of the commands it runs: sees every conversation of its workspace, named "rule 'VIP'". */
export function ruleActor(rule: Pick<Rule, 'id' | 'name' | 'workspaceId'>): Operator {
  return { id: rule.id, workspaceId: rule.workspaceId, email: '', name: `rule '${rule.name}'`, role: 'owner', status: 'online', disabled: false, createdAt: 0 };
}

async function line(ctx: Context, rule: Rule, conversationId: string, action: 'assign_team' | 'notify_supervisors', body: string) {
  const actor = ruleActor(rule);
  await recordEvent(ctx, { actor, conversationId, event: { type: 'rule', ruleId: rule.id, ruleName: rule.name, action }, body, patch: {} });
}

/** Who a rule notifies: the supervisors (and admins, owners) of the conversation's team; without a team, the workspace's admins and owners. */
async function supervisorsOf(ctx: Context, workspaceId: string, teamId: string | null): Promise<string[]> {
  let q = ctx.db.selectFrom('operators').select('operators.id').where('operators.workspace_id', '=', workspaceId).where('operators.disabled_at', 'is', null);
  if (teamId) {
    q = q
      .innerJoin('team_members', 'team_members.operator_id', 'operators.id')
      .where('team_members.team_id', '=', teamId)
      .where('operators.role', 'in', ['supervisor', 'admin', 'owner']);
  } else q = q.where('operators.role', 'in', ['admin', 'owner']);
  return (await q.execute()).map((r) => r.id);
}

export async function runAction(ctx: Context, rule: Rule, conversationId: string, action: RuleAction, notify: Notify): Promise<void> {
  const actor = ruleActor(rule);
  switch (action.type) {
    case 'set_priority':
      await setPriority(ctx, { actor, conversationId, priority: action.priority });
      return;
    case 'add_label':
      await setConversationLabels(ctx, { actor, conversationId, add: [action.labelId], remove: [] });
      return;
    case 'assign_team': {
      const team = await findTeam(ctx.db, rule.workspaceId, action.teamId);
      if (!team) throw notFound('Team');
      const row = await ctx.db.selectFrom('conversations').select('team_id').where('id', '=', conversationId).executeTakeFirst();
      if (!row) throw notFound('Conversation');
      if (row.team_id === team.id) return;
      await setConversationTeam(ctx, { actor, conversationId, teamId: team.id });
      await line(ctx, rule, conversationId, 'assign_team', `Moved to ${team.name} by ${actor.name}`);
      return;
    }
    case 'escalate':
      await escalateConversation(ctx, {
        actor: { kind: 'rule', id: rule.id, name: rule.name, workspaceId: rule.workspaceId },
        conversationId,
        reason: action.reason || `Rule '${rule.name}'`,
      });
      return;
    case 'notify_supervisors': {
      const row = await ctx.db.selectFrom('conversations').select('team_id').where('id', '=', conversationId).executeTakeFirst();
      if (!row) throw notFound('Conversation');
      const ids = await supervisorsOf(ctx, rule.workspaceId, row.team_id);
      if (ids.length === 0) throw new AppError('not_found', 'No supervisor to notify');
      const text = action.text || `Rule '${rule.name}' asks you to look at this conversation`;
      await notify(ids, { type: 'ruleNotice', conversationId, ruleId: rule.id, ruleName: rule.name, text, at: ctx.now() });
      await line(ctx, rule, conversationId, 'notify_supervisors', `Supervisors notified by ${actor.name}`);
      return;
    }
  }
}
