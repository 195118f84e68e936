import { describe, expect, it } from 'vitest';
import { type Action, can, canGrantRole, RULES } from './policy.js';

// The permission table, written out: changing a rule means changing this table on purpose.
const TABLE: Record<Action, [owner: boolean, admin: boolean, supervisor: boolean, operator: boolean]> = {
  'conversation.view': [true, true, true, true],
  'conversation.reply': [true, true, true, true],
  'conversation.assign_self': [true, true, true, true],
  'conversation.assign_others': [true, true, true, false],
  'conversation.set_team': [true, true, true, false],
  'conversation.set_status': [true, true, true, true],
  'conversation.label': [true, true, true, true],
  'conversation.snooze': [true, true, true, true],
  'conversation.merge': [true, true, true, true],
  'label.manage': [true, true, false, false],
  'message.schedule': [true, true, true, true],
  'message.cancel_others_scheduled': [true, true, true, false],
  'note.view': [true, true, true, true],
  'note.create': [true, true, true, true],
  'contact.view': [true, true, true, true],
  'contact.create': [true, true, true, true],
  'contact.update': [true, true, true, true],
  'visitor.view': [true, true, true, true],
  'visitor.start_chat': [true, true, true, true],
  'contact.note': [true, true, true, true],
  'contact.label': [true, true, true, true],
  'contact.merge': [true, true, true, true],
  'contact.delete': [true, true, false, false],
  'contact.manage_attributes': [true, true, false, false],
  'contact.import': [true, true, false, false],
  'contact.export': [true, true, false, false],
  'conversation.export': [true, true, true, false],
  'operator.list': [true, true, true, true],
  'operator.create': [true, true, false, false],
  'operator.update': [true, true, false, false],
  'operator.update_own_preferences': [true, true, true, true],
  'inbox.view': [true, true, true, true],
  'inbox.manage': [true, true, false, false],
  'webhook.manage': [true, true, false, false],
  'language_model.manage': [true, true, false, false],
  'workspace.manage': [true, false, false, false],
  'team.view': [true, true, true, true],
  'team.manage': [true, true, false, false],
  'canned.use': [true, true, true, true],
  'canned.manage_workspace': [true, true, false, false],
  'canned.manage_any_team': [true, true, false, false],
  'macro.run': [true, true, true, true],
  'macro.manage_workspace': [true, true, false, false],
  'hours.view': [true, true, true, true],
  'hours.manage': [true, true, false, false],
  'shift.manage': [true, true, true, false],
  'rule.view': [true, true, true, false],
  'rule.manage': [true, true, false, false],
  'wall.view': [true, true, true, false],
  'conversation.set_priority': [true, true, true, true],
  'queue.view': [true, true, true, true],
  'queue.take': [true, true, true, true],
  'queue.take_beyond_capacity': [true, true, true, false],
  'conversation.transfer': [true, true, true, true],
  'conversation.escalate': [true, true, true, true],
  'escalation.view': [true, true, true, true],
  'conversation.monitor': [true, true, true, false],
  'conversation.whisper': [true, true, true, false],
  'conversation.take_over': [true, true, true, false],
  'escalation.manage': [true, true, false, false],
  'sla.view': [true, true, true, true],
  'sla.manage': [true, true, false, false],
  'email.manage': [true, true, false, false],
  'transcript.email': [true, true, true, true],
  'api_token.manage': [true, true, false, false],
  'task.view': [true, true, true, true],
  'task.create': [true, true, true, true],
  'task.update': [true, true, true, true],
  'task.delete_others': [true, true, true, false],
  'article.view': [true, true, true, true],
  'article.manage': [true, true, true, false],
  'intent.manage': [true, true, false, false],
  'product.view': [true, true, true, true],
  'product.manage': [true, true, false, false],
  'trigger.view': [true, true, true, false],
  'trigger.manage': [true, true, false, false],
  'sales.view': [true, true, true, false],
  'sales.manage': [true, true, false, false],
};

describe('policy', () => {
  it('covers every action', () => {
    expect(Object.keys(TABLE).sort()).toEqual(Object.keys(RULES).sort());
  });
  it.each(Object.entries(TABLE))('%s', (action, expected) => {
    expect((['owner', 'admin', 'supervisor', 'operator'] as const).map((role) => can(role, action as Action))).toEqual(expected);
  });
  it('only owners make owners', () => {
    expect(canGrantRole('owner', 'owner')).toBe(true);
    expect(canGrantRole('admin', 'owner')).toBe(false);
    expect(canGrantRole('admin', 'admin')).toBe(true);
    expect(canGrantRole('admin', 'supervisor')).toBe(true);
    expect(canGrantRole('supervisor', 'operator')).toBe(false);
    expect(canGrantRole('operator', 'operator')).toBe(false);
  });
});
